import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { execute } from "../support/graphql.ts";
import { dependency, facility, vendor } from "./fixtures.ts";

describe(`indices over GraphQL (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let big: number;
  let small: number;
  let site: number;
  let tenant: number;
  beforeAll(async () => {
    h = await testDatabase("empty");
    big = await vendor(h.db, "HYPERSCALER", "Big");
    small = await vendor(h.db, "NEOCLOUD", "Small");
    tenant = await vendor(h.db, "MODEL_LAB", "Tenant");
    site = await facility(h.db, { operatorId: big, itPowerMw: 75, rackKw: 145, operationalOn: "2020-01-01" });
    await facility(h.db, { operatorId: small, itPowerMw: 25, operationalOn: "2020-01-01" });
    await dependency(h.db, {
      dependentId: tenant,
      providerFacilityId: site,
      weight: 0.6,
      kind: "COLOCATION",
    });
  });
  afterAll(() => h.close());

  it("answers concentration with shares that name their vendors", async () => {
    const r = await execute(
      h.db,
      `{ concentration(dimension: OPERATOR, measure: CAPACITY_MW, asOf: "2024-01-01", compareTo: "2019-01-01") {
          hhi crN class effectiveCompetitors shares { share entity { kind key vendor { name } } } comparison { hhi delta } } }`,
    );
    expect(r.errors).toBeUndefined();
    const c = (r.data as { concentration: Record<string, unknown> }).concentration;
    expect(c.hhi).toBeCloseTo(75 * 75 + 25 * 25, 9);
    expect(c.class).toBe("HIGHLY_CONCENTRATED");
    expect(c.shares).toEqual([
      { share: 0.75, entity: { kind: "VENDOR", key: toGlobalId("Vendor", big), vendor: { name: "Big" } } },
      {
        share: 0.25,
        entity: { kind: "VENDOR", key: toGlobalId("Vendor", small), vendor: { name: "Small" } },
      },
    ]);
    expect(c.comparison).toEqual({ hhi: null, delta: null });
  });

  it("ranks facilities by risk and exposes a facility's own risk", async () => {
    const r = await execute(
      h.db,
      `query($id: ID!) {
        riskScores(subject: FACILITY, asOf: "2024-01-01", first: 1) {
          totalCount pageInfo { hasNextPage } edges { node { score facility { name } components { component value contribution } } }
        }
        facility(id: $id) { risk(asOf: "2024-01-01") { subjectId score components { component value } } }
      }`,
      { id: toGlobalId("Facility", site) },
    );
    expect(r.errors).toBeUndefined();
    const data = r.data as {
      riskScores: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean };
        edges: { node: { score: number; components: { contribution: number }[] } }[];
      };
      facility: {
        risk: { subjectId: string; score: number; components: { component: string; value: number }[] };
      };
    };
    expect(data.riskScores.totalCount).toBe(2);
    expect(data.riskScores.pageInfo.hasNextPage).toBe(true);
    const top = data.riskScores.edges[0]?.node;
    expect(top?.score).toBeCloseTo(top?.components.reduce((a, c) => a + c.contribution, 0) ?? -1, 9);
    expect(data.facility.risk.subjectId).toBe(toGlobalId("Facility", site));
    expect(data.facility.risk.components.find((c) => c.component === "POWER_DENSITY")?.value).toBeCloseTo(
      0.5,
      12,
    );
    expect(data.facility.risk.score).toBe(top?.score); // the site is the riskiest
  });

  it("answers a blast radius with paths through facilities", async () => {
    const r = await execute(
      h.db,
      `query($v: ID!) { blastRadius(provider: { vendor: $v }, asOf: "2024-01-01") {
          capacityShare dependents { vendor { name } exposure depth path { vendor { name } facility { id } } } } }`,
      { v: toGlobalId("Vendor", big) },
    );
    expect(r.errors).toBeUndefined();
    const b = (r.data as { blastRadius: { capacityShare: number; dependents: unknown[] } }).blastRadius;
    expect(b.capacityShare).toBeCloseTo(0.75, 12);
    expect(b.dependents).toEqual([
      {
        vendor: { name: "Tenant" },
        exposure: 0.6,
        depth: 1,
        path: [
          { vendor: { name: "Big" }, facility: null },
          { vendor: null, facility: { id: toGlobalId("Facility", site) } },
          { vendor: { name: "Tenant" }, facility: null },
        ],
      },
    ]);
  });

  it("takes the provider by slug as well as by global id, with the same answer", async () => {
    const ids = { v: toGlobalId("Vendor", big), f: toGlobalId("Facility", site) };
    const slugs = await execute(
      h.db,
      `query($v: ID!, $f: ID!) { vendor(id: $v) { slug } facility(id: $f) { slug } }`,
      ids,
    );
    const { vendor: v, facility: f } = slugs.data as { vendor: { slug: string }; facility: { slug: string } };
    const radius = `providerCapacityMw capacityShare dependents { vendor { name } exposure depth }`;
    const answer = async (provider: string, value: string) => {
      const r = await execute(
        h.db,
        `query($p: BlastProviderInput!) { blastRadius(provider: $p, asOf: "2024-01-01") { ${radius} } }`,
        { p: { [provider]: value } },
      );
      expect(r.errors).toBeUndefined();
      return (r.data as { blastRadius: { providerCapacityMw: number; dependents: unknown[] } }).blastRadius;
    };
    const byVendorSlug = await answer("vendorSlug", v.slug);
    expect(byVendorSlug).toEqual(await answer("vendor", ids.v));
    expect(byVendorSlug.providerCapacityMw).toBe(75);
    const byFacilitySlug = await answer("facilitySlug", f.slug);
    expect(byFacilitySlug).toEqual(await answer("facility", ids.f));
    expect(byFacilitySlug.dependents).toEqual([{ vendor: { name: "Tenant" }, exposure: 0.6, depth: 1 }]);
  });

  it("maps invalid index input to BAD_USER_INPUT naming the argument", async () => {
    const cases: [string, string][] = [
      [
        `{ concentration(dimension: COUNTRY, measure: REPORTED_SHARE, segment: "x", asOf: "2024-01-01") { hhi } }`,
        "dimension",
      ],
      [`{ concentration(dimension: OPERATOR, measure: CAPACITY_MW, asOf: "1980-01-01") { hhi } }`, "asOf"],
      [
        `{ riskScores(subject: VENDOR, asOf: "2024-01-01", weights: [{ component: ENVIRONMENT, weight: 0.5 }]) { totalCount } }`,
        "weights",
      ],
      [`{ riskScores(subject: FACILITY, asOf: "2024-01-01", first: 0) { totalCount } }`, "first"],
      [`{ riskScores(subject: FACILITY, asOf: "2024-01-01", first: 101) { totalCount } }`, "first"],
      [`{ blastRadius(provider: {}, asOf: "2024-01-01") { capacityShare } }`, "provider"],
      [
        `{ blastRadius(provider: { vendorSlug: "a", facilitySlug: "b" }, asOf: "2024-01-01") { capacityShare } }`,
        "provider",
      ],
      [
        `{ blastRadius(provider: { vendorSlug: "no-such-vendor" }, asOf: "2024-01-01") { capacityShare } }`,
        "provider.vendorSlug",
      ],
      [
        `{ blastRadius(provider: { facilitySlug: "no-such-site" }, asOf: "2024-01-01") { capacityShare } }`,
        "provider.facilitySlug",
      ],
    ];
    for (const [query, argument] of cases) {
      const r = await execute(h.db, query);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
    }
  });
});
