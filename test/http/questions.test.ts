import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { graphiqlExamples } from "../../src/http/graphiql/examples.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { postGraphql, type RunningServer, startServer } from "./support.ts";

/*
 * DESIGN §1's questions, each answered by the GraphiQL example an analyst opens, over HTTP against the
 * curated seed. Each answer is checked against facts fetched through plain listings (not the index
 * code), so a broken index, example or seed shows here.
 */

let handle: DatabaseHandle;
let server: RunningServer;

beforeAll(async () => {
  handle = await testDatabase("seeded");
  server = await startServer(handle);
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
});

async function graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await postGraphql(server.url, { query, variables });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return body.data as T;
}

function example(prefix: string): string {
  const found = graphiqlExamples.find((e) => e.name.startsWith(prefix));
  if (!found) throw new Error(`no GraphiQL example named ${prefix}…`);
  return found.query;
}

interface Index {
  hhi: number | null;
  crN: number | null;
  effectiveCompetitors: number | null;
  class: string | null;
  firms: number;
  shares: { entity: { name: string }; value: number; share: number }[];
  comparison?: { asOf: string; hhi: number | null; delta: number | null; significantIncrease: boolean };
}

/** The index's own figures agree with its shares (HHI, CR4, effective competitors, class). */
function expectConsistent(index: Index) {
  const shares = index.shares.map((s) => s.share);
  expect(index.hhi).toBeCloseTo(
    shares.reduce((a, s) => a + (100 * s) ** 2, 0),
    6,
  );
  const top4 = [...shares].sort((a, b) => b - a).slice(0, 4);
  expect(index.crN).toBeCloseTo(
    top4.reduce((a, s) => a + s, 0),
    9,
  );
  expect(index.effectiveCompetitors).toBeCloseTo(10_000 / (index.hhi as number), 9);
  const hhi = index.hhi as number;
  expect(index.class).toBe(
    hhi > 1800 ? "HIGHLY_CONCENTRATED" : hhi >= 1000 ? "MODERATELY_CONCENTRATED" : "UNCONCENTRATED",
  );
  expect(index.firms).toBe(index.shares.length);
}

/** Totals by key, largest first, as [name, value] pairs. */
function totals(entries: [string, number][]): [string, number][] {
  const sums = new Map<string, number>();
  for (const [key, value] of entries) sums.set(key, (sums.get(key) ?? 0) + value);
  return [...sums].sort((a, b) => b[1] - a[1]);
}

/** A vendor with its parent chain (four levels is deeper than any curated chain). */
interface VendorFacts {
  name: string;
  parent: VendorFacts | null;
}
const vendorFacts = "name parent { name parent { name parent { name parent { name } } } }";
/** The top of a vendor's parent chain: indices count firms under it by default (rollup ULTIMATE_PARENT). */
const ultimate = (v: VendorFacts): string => (v.parent ? ultimate(v.parent) : v.name);

interface PhaseFacts {
  effectiveOn: string;
  itPowerMw: number | null;
  facilityPowerMw: number | null;
  status: string;
}
interface FacilityFacts {
  name: string;
  status: string;
  country: string;
  gridRegion: string | null;
  itPowerMw: number | null;
  facilityPowerMw: number | null;
  pue: number | null;
  operationalOn: string | null;
  decommissionedOn: string | null;
  operator: VendorFacts;
  capacityHistory: PhaseFacts[];
  deployments: { pageInfo: { hasNextPage: boolean }; edges: { node: DeploymentFacts }[] };
}
interface DeploymentFacts {
  asOf: string;
  acceleratorCount: number;
  chip: { slug: string; designer: VendorFacts };
}

async function curatedFacilities(): Promise<FacilityFacts[]> {
  // Every curated facility, page by page (the curated seed holds more than one page of 100).
  const nodes: FacilityFacts[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const data: {
      facilities: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: FacilityFacts }[];
      };
    } = await graphql(
      `query($after: String) {
        facilities(first: 100, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node {
            name status country gridRegion itPowerMw facilityPowerMw pue operationalOn decommissionedOn operator { ${vendorFacts} }
            capacityHistory { effectiveOn itPowerMw facilityPowerMw status }
            deployments(first: 25) { pageInfo { hasNextPage } edges { node { asOf acceleratorCount chip { slug designer { ${vendorFacts} } } } } }
          } }
        }
      }`,
      { after },
    );
    totalCount = data.facilities.totalCount;
    nodes.push(...data.facilities.edges.map((e) => e.node));
    if (!data.facilities.pageInfo.hasNextPage) break;
    after = data.facilities.pageInfo.endCursor;
  }
  expect(totalCount).toBe(nodes.length);
  // 25 deployments per facility keeps each page under the query cost limit; none has more.
  for (const n of nodes) expect(n.deployments.pageInfo.hasNextPage).toBe(false);
  return nodes;
}

/** The reference PUE the API documents for deriving IT MW from facility MW. */
async function referencePue(): Promise<number> {
  const data = await graphql<{ formulaConstants: { name: string; value: number }[] }>(
    "{ formulaConstants { name value } }",
  );
  const found = data.formulaConstants.find((c) => c.name === "REFERENCE_PUE");
  expect(found).toBeDefined();
  return found?.value as number;
}

/**
 * IT MW at `day` (DESIGN §3): the latest OPERATIONAL capacity phase effective by then (none yet: no MW),
 * or the flat figures without a history; facility MW / PUE (own, else the reference) when no IT MW.
 */
function itMwAt(f: FacilityFacts, day: string, refPue: number): number | null {
  let it = f.itPowerMw;
  let fac = f.facilityPowerMw;
  if (f.capacityHistory.length > 0) {
    const inForce = f.capacityHistory
      .filter((p) => p.status === "OPERATIONAL" && p.effectiveOn <= day)
      .at(-1);
    if (!inForce) return null;
    it = inForce.itPowerMw;
    fac = inForce.facilityPowerMw;
  }
  if (it != null) return it;
  return fac == null ? null : fac / (f.pue ?? refPue);
}

/** Operational at `day` (DESIGN §3): operational or since decommissioned, within its dates. */
const operationalAt = (f: FacilityFacts, day: string) =>
  (f.status === "OPERATIONAL" || f.status === "DECOMMISSIONED") &&
  (f.operationalOn == null || f.operationalOn <= day) &&
  (f.decommissionedOn == null || f.decommissionedOn > day);

describe(`DESIGN §1 questions through the GraphiQL examples (${testBackend()})`, () => {
  it("Q1: accelerator concentration by chip designer, a year earlier and now", async () => {
    const data = await graphql<{ installedBase: Index & { asOf: string }; reportedShipments: Index }>(
      example("Q1"),
    );
    const { installedBase, reportedShipments } = data;
    expectConsistent(installedBase);
    expect(installedBase.firms).toBeGreaterThanOrEqual(3);

    // Installed base at asOf from the deployments themselves: per facility and chip the latest count.
    const facilities = await curatedFacilities();
    const baseAt = (day: string) => {
      const entries: [string, number][] = [];
      for (const f of facilities.filter((f) => operationalAt(f, day))) {
        const latest = new Map<string, DeploymentFacts>();
        for (const { node: d } of f.deployments.edges) {
          const seen = latest.get(d.chip.slug);
          if (d.asOf <= day && (!seen || d.asOf > seen.asOf)) latest.set(d.chip.slug, d);
        }
        for (const d of latest.values()) entries.push([ultimate(d.chip.designer), d.acceleratorCount]);
      }
      return totals(entries).filter(([, v]) => v > 0);
    };
    const now = baseAt(installedBase.asOf);
    expect(installedBase.shares.map((s) => [s.entity.name, s.value])).toEqual(now);
    const sum = now.reduce((a, [, v]) => a + v, 0);
    installedBase.shares.forEach((s, i) => {
      expect(s.share).toBeCloseTo((now[i]?.[1] ?? Number.NaN) / sum, 12);
    });

    const before = baseAt(installedBase.comparison?.asOf ?? "");
    const beforeTotal = before.reduce((t, [, w]) => t + w, 0);
    const expectedBefore = before.reduce((a, [, v]) => a + ((100 * v) / beforeTotal) ** 2, 0);
    expect(installedBase.comparison?.asOf).toBe("2024-11-01");
    expect(installedBase.comparison?.hhi).toBeCloseTo(expectedBefore, 6);
    expect(installedBase.comparison?.delta).toBeCloseTo((installedBase.hhi as number) - expectedBefore, 6);
    expect(installedBase.comparison?.significantIncrease).toBe(
      (installedBase.hhi as number) > 1800 && (installedBase.hhi as number) - expectedBefore > 100,
    );

    // Reported shipment shares are taken as given; what they leave is unattributed, not a firm.
    expectConsistent(reportedShipments);
    expect(reportedShipments.shares.map((s) => s.entity.name)).toContain("NVIDIA");
  });

  it("Q2: operational MW concentration by operator, country and grid region", async () => {
    const data = await graphql<Record<"byOperator" | "byCountry" | "byGridRegion", Index>>(example("Q2"));
    const day = "2025-11-01";
    const refPue = await referencePue();
    const operational = (await curatedFacilities())
      .filter((f) => operationalAt(f, day))
      .map((f) => ({ f, mw: itMwAt(f, day, refPue) }))
      .filter((x): x is { f: FacilityFacts; mw: number } => x.mw != null);
    expect(operational.length).toBeGreaterThan(0);
    const expected = {
      byOperator: totals(operational.map(({ f, mw }) => [ultimate(f.operator), mw])),
      byCountry: totals(operational.map(({ f, mw }) => [f.country, mw])),
      byGridRegion: totals(
        operational.filter(({ f }) => f.gridRegion).map(({ f, mw }) => [f.gridRegion as string, mw]),
      ),
    };
    for (const key of ["byOperator", "byCountry", "byGridRegion"] as const) {
      expectConsistent(data[key]);
      // Derived MW (facility MW / PUE) are floats: names in order, values to 9 digits.
      expect(
        data[key].shares.map((s) => s.entity.name),
        key,
      ).toEqual(expected[key].map(([name]) => name));
      data[key].shares.forEach((s, i) => {
        expect(s.value, `${key} ${s.entity.name}`).toBeCloseTo(expected[key][i]?.[1] ?? Number.NaN, 9);
      });
    }
  });

  it("Q3: facilities above 100 kW per rack under enacted or in-force power/carbon/water rules", async () => {
    const data = await graphql<{
      facilities: {
        totalCount: number;
        edges: { node: { name: string; jurisdictions: string[]; rackDensityKwTypical: number } }[];
      };
    }>(example("Q3"));
    expect(data.facilities.totalCount).toBeGreaterThan(0);
    for (const { node } of data.facilities.edges) {
      expect(node.rackDensityKwTypical, node.name).toBeGreaterThanOrEqual(100);
      const rules = await graphql<{ regulatoryEvents: { totalCount: number } }>(
        `query($j: [String!]) { regulatoryEvents(filter: {
          jurisdiction: $j, topics: [POWER, CARBON, WATER], stage: [ENACTED, IN_FORCE] }) { totalCount } }`,
        { j: node.jurisdictions },
      );
      expect(rules.regulatoryEvents.totalCount, node.name).toBeGreaterThan(0);
    }
  });

  it("Q4: vendors, facilities and jurisdictions ranked by risk with components, weights and evidence", async () => {
    interface Ranking {
      totalCount: number;
      weights: { component: string; weight: number }[];
      edges: {
        node: {
          name: string;
          score: number;
          components: {
            component: string;
            value: number;
            weight: number;
            contribution: number;
            evidenceCount: number;
            evidence: { kind: string; node: { id: string } | null }[];
          }[];
        };
      }[];
    }
    const data = await graphql<Record<"vendors" | "facilities" | "jurisdictions", Ranking>>(example("Q4"));
    for (const key of ["vendors", "facilities", "jurisdictions"] as const) {
      const ranking = data[key];
      expect(ranking.totalCount, key).toBeGreaterThan(5);
      expect(ranking.weights.reduce((a, w) => a + w.weight, 0)).toBeCloseTo(1, 12);
      const scores = ranking.edges.map((e) => e.node.score);
      expect(scores, key).toEqual([...scores].sort((a, b) => b - a));
      for (const { node } of ranking.edges) {
        expect(node.components.map((c) => c.component).sort(), node.name).toEqual(
          ranking.weights.map((w) => w.component).sort(),
        );
        expect(node.score, node.name).toBeCloseTo(
          node.components.reduce((a, c) => a + c.contribution, 0),
          9,
        );
        for (const c of node.components) {
          expect(c.contribution).toBeCloseTo(100 * c.weight * c.value, 9);
          expect(c.evidence.length).toBeLessThanOrEqual(c.evidenceCount);
          for (const e of c.evidence) expect(e.node, `${node.name} ${c.component} ${e.kind}`).not.toBeNull();
        }
      }
    }
    // The riskiest vendor's outage history is driven by outages that name it.
    const top = data.vendors.edges[0]?.node;
    const history = top?.components.find((c) => c.component === "OUTAGE_HISTORY");
    expect(history?.evidenceCount).toBeGreaterThan(0);
  });

  it("Q5: everyone who depends on TSMC, directly and transitively, never TSMC itself", async () => {
    interface Step {
      vendor: { name: string } | null;
      facility: { name: string } | null;
    }
    const data = await graphql<{
      blastRadius: {
        capacityShare: number | null;
        dependents: { vendor: { name: string }; depth: number; exposure: number; path: Step[] }[];
      };
    }>(example("Q5"));
    const { dependents, capacityShare } = data.blastRadius;
    const names = dependents.map((d) => d.vendor.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain("Taiwan Semiconductor Manufacturing Company");
    expect(capacityShare == null || (capacityShare >= 0 && capacityShare <= 1)).toBe(true);

    // The direct dependents are exactly the vendors whose dependencies name TSMC as provider.
    const direct = await graphql<{
      vendor: { dependents: { edges: { node: { dependent: { name: string } } }[] } };
    }>(`{ vendor(slug: "tsmc") { dependents(first: 100) { edges { node { dependent { name } } } } } }`);
    const expectedDirect = new Set(direct.vendor.dependents.edges.map((e) => e.node.dependent.name));
    expect(new Set(dependents.filter((d) => d.depth === 1).map((d) => d.vendor.name))).toEqual(
      expectedDirect,
    );
    expect(dependents.some((d) => d.depth >= 2)).toBe(true); // transitive: clouds on TSMC-made chips
    for (const d of dependents) {
      expect(d.path[0]?.vendor?.name).toBe("Taiwan Semiconductor Manufacturing Company");
      expect(d.path.at(-1)?.vendor?.name).toBe(d.vendor.name);
      expect(d.exposure).toBeGreaterThan(0);
      expect(d.exposure).toBeLessThanOrEqual(1);
    }
  });
});
