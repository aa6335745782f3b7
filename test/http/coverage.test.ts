import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { postGraphql, type RunningServer, startServer } from "./support.ts";

// Issue 9 over HTTP on the curated seed: formula constants with their sources, the coverage query,
// coverage on a concentration, known/coverage on risk, edges without weight on a blast radius, and a
// facility's capacity history. Figures are checked against SQL counts, not hard-coded.

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

async function graphql<T>(query: string): Promise<T> {
  const res = await postGraphql(server.url, { query });
  const body = await res.json();
  expect(body.errors).toBeUndefined();
  return body.data as T;
}
const count = async (q: ReturnType<typeof sql>) =>
  Number((await queryRows<{ n: number }>(handle.db, q))[0]?.n ?? 0);

const AWS = "Amazon Web Services";

describe(`coverage and formula constants over HTTP (${testBackend()})`, () => {
  it("reads the formula constants with their sources (the Omdia 40–250 kW band, reference PUE and WUE, half-life)", async () => {
    const data = await graphql<{
      formulaConstants: {
        name: string;
        value: number;
        sourceUrl: string | null;
        source: { publisher: string } | null;
      }[];
    }>("{ formulaConstants { name value sourceUrl source { publisher } } }");
    const byName = new Map(data.formulaConstants.map((c) => [c.name, c]));
    expect(byName.get("RACK_KW_LOW")?.value).toBe(40);
    expect(byName.get("RACK_KW_HIGH")?.value).toBe(250);
    expect(byName.get("RACK_KW_LOW")?.source?.publisher).toMatch(/Omdia/);
    expect(byName.get("REFERENCE_PUE")?.source?.publisher).toMatch(/Uptime/);
    expect(byName.get("WUE_REFERENCE")?.source?.publisher).toMatch(/Lawrence Berkeley/);
    expect(byName.get("OUTAGE_HALF_LIFE_DAYS")?.sourceUrl).toBeNull();
    for (const c of data.formulaConstants) if (c.sourceUrl) expect(c.source, c.name).not.toBeNull();
  });

  it("answers coverage per index input, matching the rows in the database", async () => {
    const data = await graphql<{
      coverage: {
        asOf: string;
        inputs: { index: string; input: string; rowsInScope: number; rowsWithValue: number }[];
      };
    }>('{ coverage(asOf: "2025-12-31") { asOf inputs { index input rowsInScope rowsWithValue } } }');
    const input = (name: string) => data.coverage.inputs.find((i) => i.input === name);
    expect(input("dependency weights")).toMatchObject({
      rowsInScope: await count(sql`select count(*)::int as n from dependencies
        where (since is null or since <= '2025-12-31') and (until is null or until > '2025-12-31')`),
      rowsWithValue: await count(sql`select count(*)::int as n from dependencies
        where weight is not null and (since is null or since <= '2025-12-31') and (until is null or until > '2025-12-31')`),
    });
    expect(input("vendor parent")?.rowsWithValue).toBe(
      await count(sql`select count(*)::int as n from vendors where parent_id is not null`),
    );
    for (const i of data.coverage.inputs) expect(i.rowsWithValue).toBeLessThanOrEqual(i.rowsInScope);
  });

  it("puts coverage on a concentration, rolls subsidiaries up by default and apart with NONE", async () => {
    const data = await graphql<
      Record<
        "rolled" | "apart",
        {
          rollup: string;
          firms: number;
          shares: { entity: { name: string } }[];
          coverage: {
            rowsInScope: number;
            rowsWithValue: number;
            derivedShare: number | null;
            estimatedShare: number | null;
          };
        }
      >
    >(`{
      rolled: concentration(dimension: CHIP_DESIGNER, measure: ACCELERATORS, asOf: "2025-12-31") {
        rollup firms shares { entity { name } } coverage { rowsInScope rowsWithValue derivedShare estimatedShare } }
      apart: concentration(dimension: CHIP_DESIGNER, measure: ACCELERATORS, asOf: "2025-12-31", rollup: NONE) {
        rollup firms shares { entity { name } } coverage { rowsInScope rowsWithValue derivedShare estimatedShare } }
    }`);
    expect(data.rolled.rollup).toBe("ULTIMATE_PARENT");
    expect(data.rolled.shares.map((s) => s.entity.name)).toContain("Amazon.com, Inc.");
    expect(data.apart.shares.map((s) => s.entity.name)).toContain(AWS);
    expect(data.rolled.shares.map((s) => s.entity.name)).not.toContain(AWS);
    expect(data.rolled.coverage).toEqual(data.apart.coverage);
    expect(data.rolled.coverage.rowsWithValue).toBeLessThan(data.rolled.coverage.rowsInScope);
    expect(data.rolled.coverage.estimatedShare).toBeGreaterThan(0);
  });

  it("marks risk components as known or not and reports the score's coverage", async () => {
    const data = await graphql<{
      riskScores: {
        edges: {
          node: { score: number; coverage: number; components: { weight: number; known: boolean }[] };
        }[];
      };
    }>(
      '{ riskScores(subject: FACILITY, asOf: "2025-12-31", first: 50) { edges { node { score coverage components { weight known } } } } }',
    );
    for (const { node } of data.riskScores.edges) {
      const known = node.components.reduce((s, c) => s + (c.known ? c.weight : 0), 0);
      expect(node.coverage).toBeCloseTo(known, 12);
    }
    const coverages = new Set(data.riskScores.edges.map((e) => e.node.coverage.toFixed(6)));
    expect(coverages.size).toBeGreaterThan(1);
  });

  it("counts blast-radius edges without a weight", async () => {
    const data = await graphql<{
      blastRadius: {
        pathEdges: number;
        edgesWithoutWeight: number;
        dependents: { weightUnknown: boolean }[];
      };
    }>(
      '{ blastRadius(provider: { vendorSlug: "nvidia" }, asOf: "2025-12-31") { pathEdges edgesWithoutWeight dependents { weightUnknown } } }',
    );
    const b = data.blastRadius;
    expect(b.pathEdges).toBeGreaterThan(0);
    expect(b.edgesWithoutWeight).toBeLessThan(b.pathEdges);
    expect(b.dependents.some((d) => d.weightUnknown)).toBe(b.edgesWithoutWeight > 0);
  });

  it("shows a facility's capacity history, oldest first, with facility power as stated", async () => {
    const data = await graphql<{
      facility: {
        itPowerMw: number | null;
        facilityPowerMw: number | null;
        capacityHistory: {
          effectiveOn: string;
          facilityPowerMw: number;
          sources: { source: { url: string } }[];
        }[];
      };
    }>(
      '{ facility(slug: "xai-colossus-1") { itPowerMw facilityPowerMw capacityHistory { effectiveOn facilityPowerMw sources { source { url } } } } }',
    );
    const f = data.facility;
    expect(f.itPowerMw).toBeNull();
    const days = f.capacityHistory.map((p) => p.effectiveOn);
    expect(days).toEqual([...days].sort());
    expect(f.capacityHistory.length).toBe(
      await count(
        sql`select count(*)::int as n from capacity_phases p join facilities f on f.id = p.facility_id where f.slug = 'xai-colossus-1'`,
      ),
    );
    expect(f.capacityHistory.at(-1)?.facilityPowerMw).toBe(f.facilityPowerMw);
    for (const p of f.capacityHistory) expect(p.sources.length).toBeGreaterThan(0);
  });
});
