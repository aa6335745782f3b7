/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { itWalksEveryOrdering, pageArguments, pageSelection, pageVariables } from "../support/graphql.ts";
import { buildWorld, type World } from "./fixtures.ts";

describe(`connections walk every page in order (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: World;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildWorld(h.db, { vendors: 30, facilitiesPerVendor: 4 });
  });
  afterAll(() => h.close());
  const db = () => h.db;
  const root = (field: string, order: string, key: string) =>
    `query(${pageVariables}, $orderBy: ${order}) { list: ${field}(${pageArguments}) { ${pageSelection(key)} } }`;
  const nested = (parent: string, field: string, order: string, key: string) =>
    `query(${pageVariables}, $orderBy: ${order}, $slug: String) { parent: ${parent}(slug: $slug) { list: ${field}(${pageArguments}) { ${pageSelection(key)} } } }`;

  itWalksEveryOrdering(db, {
    name: "vendors",
    query: root("vendors", "VendorOrder", "slug"),
    at: (d) => d.list,
    rows: () => w.vendors,
    keyOf: "slug",
    orderFields: {
      NAME: "name",
      SLUG: "slug",
      HQ_COUNTRY: "hqCountry",
      CREATED_AT: "createdAt",
    },
  });
  itWalksEveryOrdering(db, {
    name: "chips",
    query: root("chips", "ChipOrder", "slug"),
    at: (d) => d.list,
    rows: () => w.chips,
    keyOf: "slug",
    orderFields: {
      NAME: "name",
      RELEASE_DATE: "releaseDate",
      TDP_W: "tdpW",
      BF16_DENSE_TFLOPS: "bf16DenseTflops",
    },
  });
  itWalksEveryOrdering(db, {
    name: "facilities",
    query: root("facilities", "FacilityOrder", "slug"),
    at: (d) => d.list,
    rows: () => w.facilities,
    keyOf: "slug",
    orderFields: {
      NAME: "name",
      COUNTRY: "country",
      IT_POWER_MW: "itPowerMw",
      RACK_DENSITY_KW: "rackDensityKwTypical",
      OPERATIONAL_ON: "operationalOn",
    },
  });
  itWalksEveryOrdering(db, {
    name: "sources",
    query: root("sources", "SourceOrder", "url"),
    at: (d) => d.list,
    rows: () => w.sources,
    keyOf: "url",
    orderFields: { TITLE: "title", PUBLISHER: "publisher", PUBLISHED_ON: "publishedOn" },
  });
  itWalksEveryOrdering(db, {
    name: "vendor.facilities (nested)",
    query: nested("vendor", "facilities", "FacilityOrder", "slug"),
    at: (d) => d.parent.list,
    rows: () => w.facilities.filter((r) => r.operatorId === w.vendors[4]?.id),
    keyOf: "slug",
    orderFields: { NAME: "name", IT_POWER_MW: "itPowerMw" },
    variables: () => ({ slug: w.vendors[4]?.slug }),
  });
  itWalksEveryOrdering(db, {
    name: "vendor.subsidiaries (nested)",
    query: nested("vendor", "subsidiaries", "VendorOrder", "slug"),
    at: (d) => d.parent.list,
    rows: () => w.vendors.filter((r) => r.parentId === w.vendors[0]?.id),
    keyOf: "slug",
    orderFields: { NAME: "name", HQ_COUNTRY: "hqCountry" },
    variables: () => ({ slug: w.vendors[0]?.slug }),
  });
  itWalksEveryOrdering(db, {
    name: "chip.deployments (nested)",
    query: nested("chip", "deployments", "DeploymentOrder", "id"),
    at: (d) => d.parent.list,
    rows: () => w.deployments.filter((r) => r.chipId === w.chips[1]?.id),
    keyOf: (r) => toGlobalId("Deployment", r.id),
    orderFields: { AS_OF: "asOf", ACCELERATOR_COUNT: "acceleratorCount" },
    variables: () => ({ slug: w.chips[1]?.slug }),
  });
});
