/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { walkConnection } from "../support/graphql.ts";
import { buildWorld, sortLikeApi, type World } from "./fixtures.ts";

const PAGE =
  "totalCount edges { cursor node { key } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";
const VARS = "$first: Int, $after: String, $last: Int, $before: String";
const ARGS = "first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy";

type Row = { id: number };
interface ListCase {
  name: string;
  query: string;
  at: (data: any) => any;
  rows: (w: World) => Row[];
  /** The node field aliased as `key` in the query (unique per row). */
  keyOf: (row: any) => string | number;
  orderFields: Record<string, (row: any) => string | number | null>;
  /** Restricts the expected rows for nested lists. */
  scope?: (w: World) => { variables: Record<string, unknown>; filter: (row: any) => boolean };
}

const iso = (d: Date) => d.toISOString();

const cases: ListCase[] = [
  {
    name: "vendors",
    query: `query(${VARS}, $orderBy: VendorOrder) { list: vendors(${ARGS}) { ${PAGE.replace("key", "key: slug")} } }`,
    at: (d) => d.list,
    rows: (w) => w.vendors,
    keyOf: (r) => r.slug,
    orderFields: {
      NAME: (r) => r.name,
      SLUG: (r) => r.slug,
      HQ_COUNTRY: (r) => r.hqCountry,
      CREATED_AT: (r) => iso(r.createdAt),
    },
  },
  {
    name: "chips",
    query: `query(${VARS}, $orderBy: ChipOrder) { list: chips(${ARGS}) { ${PAGE.replace("key", "key: slug")} } }`,
    at: (d) => d.list,
    rows: (w) => w.chips,
    keyOf: (r) => r.slug,
    orderFields: {
      NAME: (r) => r.name,
      RELEASE_DATE: (r) => r.releaseDate,
      TDP_W: (r) => r.tdpW,
      BF16_DENSE_TFLOPS: (r) => r.bf16DenseTflops,
    },
  },
  {
    name: "facilities",
    query: `query(${VARS}, $orderBy: FacilityOrder) { list: facilities(${ARGS}) { ${PAGE.replace("key", "key: slug")} } }`,
    at: (d) => d.list,
    rows: (w) => w.facilities,
    keyOf: (r) => r.slug,
    orderFields: {
      NAME: (r) => r.name,
      COUNTRY: (r) => r.country,
      IT_POWER_MW: (r) => r.itPowerMw,
      RACK_DENSITY_KW: (r) => r.rackDensityKwTypical,
      OPERATIONAL_ON: (r) => r.operationalOn,
    },
  },
  {
    name: "sources",
    query: `query(${VARS}, $orderBy: SourceOrder) { list: sources(${ARGS}) { ${PAGE.replace("key", "key: url")} } }`,
    at: (d) => d.list,
    rows: (w) => w.sources,
    keyOf: (r) => r.url,
    orderFields: { TITLE: (r) => r.title, PUBLISHER: (r) => r.publisher, PUBLISHED_ON: (r) => r.publishedOn },
  },
  {
    name: "vendor.facilities (nested)",
    query: `query(${VARS}, $orderBy: FacilityOrder, $slug: String) { vendor(slug: $slug) { list: facilities(${ARGS}) { ${PAGE.replace("key", "key: slug")} } } }`,
    at: (d) => d.vendor.list,
    rows: (w) => w.facilities,
    keyOf: (r) => r.slug,
    orderFields: { NAME: (r) => r.name, IT_POWER_MW: (r) => r.itPowerMw },
    scope: (w) => ({
      variables: { slug: w.vendors[4]?.slug },
      filter: (r) => r.operatorId === w.vendors[4]?.id,
    }),
  },
  {
    name: "vendor.subsidiaries (nested)",
    query: `query(${VARS}, $orderBy: VendorOrder, $slug: String) { vendor(slug: $slug) { list: subsidiaries(${ARGS}) { ${PAGE.replace("key", "key: slug")} } } }`,
    at: (d) => d.vendor.list,
    rows: (w) => w.vendors,
    keyOf: (r) => r.slug,
    orderFields: { NAME: (r) => r.name, HQ_COUNTRY: (r) => r.hqCountry },
    scope: (w) => ({
      variables: { slug: w.vendors[0]?.slug },
      filter: (r) => r.parentId === w.vendors[0]?.id,
    }),
  },
  {
    name: "chip.deployments (nested)",
    query: `query(${VARS}, $orderBy: DeploymentOrder, $slug: String) { chip(slug: $slug) { list: deployments(${ARGS}) { ${PAGE.replace("key", "key: id")} } } }`,
    at: (d) => d.chip.list,
    rows: (w) => w.deployments,
    keyOf: (r) => Buffer.from(`Deployment:${r.id}`).toString("base64url"),
    orderFields: { AS_OF: (r) => r.asOf, ACCELERATOR_COUNT: (r) => r.acceleratorCount },
    scope: (w) => ({ variables: { slug: w.chips[1]?.slug }, filter: (r) => r.chipId === w.chips[1]?.id }),
  },
];

describe(`connections walk every page in order (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let world: World;
  beforeAll(async () => {
    h = await testDatabase("empty");
    world = await buildWorld(h.db, { vendors: 30, facilitiesPerVendor: 4 });
  });
  afterAll(() => h.close());

  for (const c of cases) {
    for (const [field, keyFn] of Object.entries(c.orderFields)) {
      for (const direction of ["ASC", "DESC"] as const) {
        it(`${c.name} by ${field} ${direction}: forward and backward give exactly totalCount rows in order`, async () => {
          const scope = c.scope?.(world);
          const rows = c.rows(world).filter(scope?.filter ?? (() => true));
          const expected = sortLikeApi(rows, keyFn, direction).map(c.keyOf);
          expect(expected.length).toBeGreaterThan(3);
          const variables = { ...scope?.variables, orderBy: { field, direction } };
          const forward = await walkConnection<{ key: string }>(h.db, c.query, {
            at: c.at,
            variables,
            pageSize: 7,
          });
          const backward = await walkConnection<{ key: string }>(h.db, c.query, {
            at: c.at,
            variables,
            pageSize: 5,
            direction: "backward",
          });
          expect(forward.totalCount).toBe(rows.length);
          expect(backward.totalCount).toBe(rows.length);
          expect(forward.nodes.map((n) => n.key)).toEqual(expected);
          expect(backward.nodes.map((n) => n.key)).toEqual(expected);
          expect(new Set(forward.nodes.map((n) => n.key)).size).toBe(rows.length);
          expect(forward.pages).toBe(Math.max(1, Math.ceil(rows.length / 7)));
        });
      }
    }
  }
});
