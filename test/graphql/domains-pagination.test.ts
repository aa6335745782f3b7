import { afterAll, beforeAll, describe } from "vitest";
import { dependencyKind, disclosureMetric } from "../../schema/db/index.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { itWalksEveryOrdering, pageArguments, pageSelection, pageVariables } from "../support/graphql.ts";
import { buildDomainWorld, type DomainWorld } from "./domains-world.ts";

/** Postgres orders enum values by declaration, not alphabetically: rows carry their value's rank. */
const ranked = <R, K extends keyof R>(rows: R[], key: K, values: readonly string[]) =>
  rows.map((r) => ({ ...r, rank: values.indexOf(r[key] as string) }));

describe(`outages, rules, disclosures, shares, dependencies, models: every page in order (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: DomainWorld;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildDomainWorld(h.db);
  });
  afterAll(() => h.close());
  const db = () => h.db;
  const root = (field: string, order: string) =>
    `query(${pageVariables}, $orderBy: ${order}) { list: ${field}(${pageArguments}) { ${pageSelection("id")} } }`;
  const nested = (parent: string, field: string, order: string) =>
    `query(${pageVariables}, $orderBy: ${order}, $id: ID!) { node(id: $id) { ... on ${parent} { list: ${field}(${pageArguments}) { ${pageSelection("id")} } } } }`;
  const globalId = (type: string) => (r: { id: number }) => toGlobalId(type, r.id);
  const vendorId = (i: number) => ({ id: toGlobalId("Vendor", w.vendors[i]?.id as number) });
  const facilityId = (i: number) => ({ id: toGlobalId("Facility", w.facilities[i]?.id as number) });
  const impacted = (by: "vendorId" | "facilityId", parent: number) =>
    w.outages.filter((o) => w.outageImpacts.some((x) => x.outageId === o.id && x[by] === parent));
  const named = (by: "vendorId" | "facilityId", parent: number) =>
    w.regulatoryEvents.filter((e) =>
      w.regulatoryEventSubjects.some((x) => x.eventId === e.id && x[by] === parent),
    );

  const outageOrder = {
    STARTED_AT: "startedAt",
    SEVERITY: "severity",
    TITLE: "title",
    CREATED_AT: "createdAt",
  } as const;
  const ruleOrder = {
    ANNOUNCED_ON: "announcedOn",
    EFFECTIVE_ON: "effectiveOn",
    TITLE: "title",
    JURISDICTION: "jurisdiction",
  } as const;
  const disclosureOrder = {
    PERIOD_END: "periodEnd",
    PERIOD_START: "periodStart",
    VALUE: "value",
    METRIC: "rank",
  } as const;
  const shareOrder = { PERIOD_END: "periodEnd", SHARE: "share", VALUE: "value", SEGMENT: "segment" } as const;
  const dependencyOrder = { WEIGHT: "weight", SINCE: "since", KIND: "rank" } as const;
  const modelOrder = {
    RELEASE_DATE: "releaseDate",
    NAME: "name",
    PARAMETERS_B: "parametersB",
    MIN_MEMORY_GB: "minMemoryGb",
  } as const;

  itWalksEveryOrdering(db, {
    name: "outages",
    query: root("outages", "OutageOrder"),
    at: (d) => d.list,
    rows: () => w.outages,
    keyOf: globalId("Outage"),
    orderFields: outageOrder,
  });
  itWalksEveryOrdering(db, {
    name: "vendor.outages (through impacts, one per outage)",
    query: nested("Vendor", "outages", "OutageOrder"),
    at: (d) => d.node.list,
    rows: () => impacted("vendorId", w.vendors[1]?.id as number),
    keyOf: globalId("Outage"),
    orderFields: outageOrder,
    variables: () => vendorId(1),
  });
  itWalksEveryOrdering(db, {
    name: "facility.outages",
    query: nested("Facility", "outages", "OutageOrder"),
    at: (d) => d.node.list,
    rows: () => impacted("facilityId", w.facilities[0]?.id as number),
    keyOf: globalId("Outage"),
    orderFields: { STARTED_AT: "startedAt", SEVERITY: "severity" },
    variables: () => facilityId(0),
  });
  itWalksEveryOrdering(db, {
    name: "regulatoryEvents",
    query: root("regulatoryEvents", "RegulatoryEventOrder"),
    at: (d) => d.list,
    rows: () => w.regulatoryEvents,
    keyOf: globalId("RegulatoryEvent"),
    orderFields: { ...ruleOrder, CREATED_AT: "createdAt" },
  });
  itWalksEveryOrdering(db, {
    name: "vendor.regulatoryEvents",
    query: nested("Vendor", "regulatoryEvents", "RegulatoryEventOrder"),
    at: (d) => d.node.list,
    rows: () => named("vendorId", w.vendors[1]?.id as number),
    keyOf: globalId("RegulatoryEvent"),
    orderFields: ruleOrder,
    variables: () => vendorId(1),
  });
  itWalksEveryOrdering(db, {
    name: "facility.regulatoryEvents",
    query: nested("Facility", "regulatoryEvents", "RegulatoryEventOrder"),
    at: (d) => d.node.list,
    rows: () => named("facilityId", w.facilities[0]?.id as number),
    keyOf: globalId("RegulatoryEvent"),
    orderFields: { ANNOUNCED_ON: "announcedOn", TITLE: "title" },
    variables: () => facilityId(0),
  });
  itWalksEveryOrdering(db, {
    name: "disclosures",
    query: root("disclosures", "DisclosureOrder"),
    at: (d) => d.list,
    rows: () => ranked(w.disclosures, "metric", disclosureMetric.enumValues),
    keyOf: globalId("Disclosure"),
    orderFields: { ...disclosureOrder, CREATED_AT: "createdAt" },
  });
  itWalksEveryOrdering(db, {
    name: "vendor.disclosures",
    query: nested("Vendor", "disclosures", "DisclosureOrder"),
    at: (d) => d.node.list,
    rows: () =>
      ranked(
        w.disclosures.filter((x) => x.vendorId === w.vendors[0]?.id),
        "metric",
        disclosureMetric.enumValues,
      ),
    keyOf: globalId("Disclosure"),
    orderFields: disclosureOrder,
    variables: () => vendorId(0),
  });
  itWalksEveryOrdering(db, {
    name: "marketShares",
    query: root("marketShares", "VendorMarketShareOrder"),
    at: (d) => d.list,
    rows: () => w.marketShares,
    keyOf: globalId("VendorMarketShare"),
    orderFields: { ...shareOrder, CREATED_AT: "createdAt" },
  });
  itWalksEveryOrdering(db, {
    name: "vendor.marketShares",
    query: nested("Vendor", "marketShares", "VendorMarketShareOrder"),
    at: (d) => d.node.list,
    rows: () => w.marketShares.filter((x) => x.vendorId === w.vendors[0]?.id),
    keyOf: globalId("VendorMarketShare"),
    orderFields: shareOrder,
    variables: () => vendorId(0),
  });
  itWalksEveryOrdering(db, {
    name: "dependencies",
    query: root("dependencies", "DependencyOrder"),
    at: (d) => d.list,
    rows: () => ranked(w.dependencies, "kind", dependencyKind.enumValues),
    keyOf: globalId("Dependency"),
    orderFields: { ...dependencyOrder, CREATED_AT: "createdAt" },
  });
  itWalksEveryOrdering(db, {
    name: "vendor.dependencies",
    query: nested("Vendor", "dependencies", "DependencyOrder"),
    at: (d) => d.node.list,
    rows: () =>
      ranked(
        w.dependencies.filter((x) => x.dependentId === w.vendors[0]?.id),
        "kind",
        dependencyKind.enumValues,
      ),
    keyOf: globalId("Dependency"),
    orderFields: dependencyOrder,
    variables: () => vendorId(0),
  });
  itWalksEveryOrdering(db, {
    name: "vendor.dependents",
    query: nested("Vendor", "dependents", "DependencyOrder"),
    at: (d) => d.node.list,
    rows: () =>
      ranked(
        w.dependencies.filter((x) => x.providerVendorId === w.vendors[9]?.id),
        "kind",
        dependencyKind.enumValues,
      ),
    keyOf: globalId("Dependency"),
    orderFields: dependencyOrder,
    variables: () => vendorId(9),
  });
  itWalksEveryOrdering(db, {
    name: "facility.dependents",
    query: nested("Facility", "dependents", "DependencyOrder"),
    at: (d) => d.node.list,
    rows: () => w.dependencies.filter((x) => x.providerFacilityId === w.facilities[0]?.id),
    keyOf: globalId("Dependency"),
    orderFields: { WEIGHT: "weight", SINCE: "since" },
    variables: () => facilityId(0),
  });
  itWalksEveryOrdering(db, {
    name: "models",
    query: root("models", "ModelOrder"),
    at: (d) => d.list,
    rows: () => w.models,
    keyOf: globalId("Model"),
    orderFields: { ...modelOrder, CREATED_AT: "createdAt" },
  });
  itWalksEveryOrdering(db, {
    name: "vendor.models",
    query: nested("Vendor", "models", "ModelOrder"),
    at: (d) => d.node.list,
    rows: () => w.models.filter((x) => x.developerId === w.vendors[0]?.id),
    keyOf: globalId("Model"),
    orderFields: modelOrder,
    variables: () => vendorId(0),
  });
});
