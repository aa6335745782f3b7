/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { errorCodes, execute, query } from "../support/graphql.ts";
import { buildDomainWorld, type DomainWorld, idsOf, listedIds } from "./domains-world.ts";

type Share = DomainWorld["marketShares"][number];
type Dependency = DomainWorld["dependencies"][number];

describe(`market shares and dependencies: filters, provider union, relations, lookups (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: DomainWorld;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildDomainWorld(h.db);
  });
  afterAll(() => h.close());

  const shares = (filter: unknown) => listedIds(h.db, "marketShares", "VendorMarketShareFilter", filter);
  const expectedShares = (keep: (s: Share) => boolean) =>
    idsOf("VendorMarketShare", w.marketShares.filter(keep));
  const deps = (filter: unknown) => listedIds(h.db, "dependencies", "DependencyFilter", filter);
  const expectedDeps = (keep: (d: Dependency) => boolean) => idsOf("Dependency", w.dependencies.filter(keep));

  it("market shares by segment, vendor, a date the period contains, and basis", async () => {
    expect(await shares({ segment: ["ai-accelerators"] })).toEqual(
      expectedShares((s) => s.segment === "ai-accelerators"),
    );
    const vendor = w.vendors[2]?.id as number;
    expect(await shares({ vendor: [toGlobalId("Vendor", vendor)] })).toEqual(
      expectedShares((s) => s.vendorId === vendor),
    );
    const day = "2023-06-30";
    const containing = await shares({ containing: day, segment: ["ai-accelerators", "foundry"] });
    expect(containing).toEqual(
      expectedShares(
        (s) =>
          s.periodStart <= day && s.periodEnd >= day && ["ai-accelerators", "foundry"].includes(s.segment),
      ),
    );
    expect(containing.length).toBeGreaterThan(0);
    // Period bounds are inclusive.
    expect(await shares({ containing: "2023-12-31" })).toEqual(
      expectedShares((s) => s.periodStart <= "2023-12-31" && s.periodEnd >= "2023-12-31"),
    );
    expect(await shares({ basis: ["shipments"] })).toEqual(expectedShares((s) => s.basis === "shipments"));
    expect(await shares({ segment: [] })).toEqual([]);
  });

  it("dependencies by dependent, provider (vendors and facilities mixed), kind and activeOn", async () => {
    const dependent = w.vendors[1]?.id as number;
    expect(await deps({ dependent: [toGlobalId("Vendor", dependent)] })).toEqual(
      expectedDeps((d) => d.dependentId === dependent),
    );
    const pv = w.vendors[9]?.id as number;
    const pf = w.facilities[1]?.id as number;
    const mixed = await deps({ provider: [toGlobalId("Vendor", pv), toGlobalId("Facility", pf)] });
    expect(mixed).toEqual(expectedDeps((d) => d.providerVendorId === pv || d.providerFacilityId === pf));
    expect(mixed.length).toBeGreaterThan(4);
    expect(await deps({ kind: ["FOUNDRY", "CHIP_SUPPLY"] })).toEqual(
      expectedDeps((d) => d.kind === "FOUNDRY" || d.kind === "CHIP_SUPPLY"),
    );
    for (const day of ["2022-06-01", "2024-06-30", "2024-07-01"]) {
      expect(await deps({ activeOn: day })).toEqual(
        expectedDeps((d) => (d.since == null || d.since <= day) && (d.until == null || d.until >= day)),
      );
    }
    expect(await deps({ activeOn: "2024-06-30" })).not.toEqual(await deps({ activeOn: "2024-07-01" }));
  });

  it("Dependency.provider is a Vendor or a Facility; dependent, dependents and dependencies round-trip", async () => {
    const viaFacility = w.dependencies.find((d) => d.providerFacilityId != null) as Dependency;
    const viaVendor = w.dependencies.find((d) => d.providerVendorId != null) as Dependency;
    const d = await query(
      h.db,
      `query($a: ID!, $b: ID!) {
         a: dependency(id: $a) { kind weight dependent { slug } provider { __typename ... on Facility { slug dependents(first: 100) { totalCount edges { node { provider { ... on Facility { slug } } } } } } } }
         b: dependency(id: $b) { provider { __typename ... on Vendor { slug dependents(first: 100) { totalCount edges { node { id } } } } } dependent { slug dependencies(first: 100) { totalCount edges { node { id dependent { slug } } } } } } }`,
      { a: toGlobalId("Dependency", viaFacility.id), b: toGlobalId("Dependency", viaVendor.id) },
    );
    const slugOf = (rows: { id: number; slug: string }[], id: number | null) =>
      rows.find((r) => r.id === id)?.slug;
    expect(d.a.dependent.slug).toBe(slugOf(w.vendors, viaFacility.dependentId));
    expect(d.a.provider.__typename).toBe("Facility");
    expect(d.a.provider.slug).toBe(slugOf(w.facilities, viaFacility.providerFacilityId));
    const facilityDependents = w.dependencies.filter(
      (x) => x.providerFacilityId === viaFacility.providerFacilityId,
    );
    expect(d.a.provider.dependents.totalCount).toBe(facilityDependents.length);
    for (const e of d.a.provider.dependents.edges) expect(e.node.provider.slug).toBe(d.a.provider.slug);

    expect(d.b.provider.__typename).toBe("Vendor");
    expect(d.b.provider.slug).toBe(slugOf(w.vendors, viaVendor.providerVendorId));
    expect(d.b.provider.dependents.edges.map((e: any) => e.node.id).sort()).toEqual(
      expectedDeps((x) => x.providerVendorId === viaVendor.providerVendorId),
    );
    expect(d.b.dependent.dependencies.edges.map((e: any) => e.node.id).sort()).toEqual(
      expectedDeps((x) => x.dependentId === viaVendor.dependentId),
    );
    for (const e of d.b.dependent.dependencies.edges) expect(e.node.dependent.slug).toBe(d.b.dependent.slug);
  });

  it("vendor.marketShares ↔ share.vendor, sources, node(id), NOT_FOUND", async () => {
    const first = w.marketShares[0] as Share;
    const vendor = w.vendors.find((v) => v.id === first.vendorId) as DomainWorld["vendors"][number];
    const id = toGlobalId("VendorMarketShare", first.id);
    const d = await query(
      h.db,
      `query($v: String, $id: ID!) {
         vendor(slug: $v) { marketShares(first: 100, filter: { segment: ["${first.segment}"] }) { totalCount edges { node { id segment vendor { slug } } } } }
         marketShare(id: $id) { segment share value unit basis periodStart vendor { slug } sources { source { url } } }
         node(id: $id) { __typename } }`,
      { v: vendor.slug, id },
    );
    const mine = w.marketShares.filter((s) => s.vendorId === vendor.id && s.segment === first.segment);
    expect(d.vendor.marketShares.edges.map((e: any) => e.node.id).sort()).toEqual(
      idsOf("VendorMarketShare", mine),
    );
    for (const e of d.vendor.marketShares.edges) expect(e.node.vendor.slug).toBe(vendor.slug);
    expect(d.marketShare).toEqual({
      segment: first.segment,
      share: first.share,
      value: first.value,
      unit: first.unit,
      basis: first.basis,
      periodStart: first.periodStart,
      vendor: { slug: vendor.slug },
      sources: [{ source: { url: w.sources[0]?.url } }],
    });
    expect(d.node).toEqual({ __typename: "VendorMarketShare" });
    const missing = await execute(h.db, `{ dependency(id: "${toGlobalId("Dependency", 999999)}") { kind } }`);
    expect(errorCodes(missing)).toMatchObject([{ code: "NOT_FOUND" }]);
  });

  it("a provider id of another type, or a malformed one → BAD_USER_INPUT naming filter.provider", async () => {
    for (const id of [toGlobalId("Model", 1), "garbage"]) {
      const r = await execute(h.db, `{ dependencies(filter: { provider: ["${id}"] }) { totalCount } }`);
      expect(errorCodes(r)).toMatchObject([{ code: "BAD_USER_INPUT", argument: "filter.provider" }]);
    }
    const r = await execute(
      h.db,
      `{ marketShares(filter: { vendor: ["${toGlobalId("Facility", 1)}"] }) { totalCount } }`,
    );
    expect(errorCodes(r)).toMatchObject([{ code: "BAD_USER_INPUT", argument: "filter.vendor" }]);
  });
});
