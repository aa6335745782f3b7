import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { getBlastRadius } from "../../src/indices/blast-radius.ts";
import { REFERENCE_PUE } from "../../src/indices/capacity.ts";
import { getConcentration } from "../../src/indices/concentration/index.ts";
import { getDataCoverage } from "../../src/indices/coverage.ts";
import { getRiskScores } from "../../src/indices/risk/index.ts";
import { DEFAULT_WEIGHTS } from "../../src/indices/risk/parameters.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { facility, vendor } from "./fixtures.ts";

// A market with known gaps (issue 9): a parent and its subsidiary, facilities with stated IT MW,
// facility MW only (own PUE, or none: reference PUE), no MW at all, an ESTIMATED figure, one not yet
// operational, and one with a capacity history.

const hhiOf = (values: number[]) => {
  const total = values.reduce((a, b) => a + b, 0);
  return values.reduce((sum, v) => sum + (100 * (v / total)) ** 2, 0);
};

describe(`coverage, roll-up and capacity history (${testBackend()})`, () => {
  let h: DatabaseHandle;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    h = await testDatabase("empty");
    const db = h.db;
    ids.parent = await vendor(db, "HYPERSCALER", "Parent");
    ids.sub = await vendor(db, "HYPERSCALER", "Subsidiary");
    ids.other = await vendor(db, "NEOCLOUD", "Other");
    ids.phased = await vendor(db, "NEOCLOUD", "Phased");
    await queryRows(db, sql`update vendors set parent_id = ${ids.parent} where id = ${ids.sub}`);
    const on = "2020-01-01";
    ids.fSub = await facility(db, { operatorId: ids.sub, itPowerMw: 100, operationalOn: on });
    ids.fParent = await facility(db, { operatorId: ids.parent, pue: 1.3, operationalOn: on });
    ids.fRef = await facility(db, { operatorId: ids.other, operationalOn: on });
    ids.fGap = await facility(db, { operatorId: ids.other, operationalOn: on });
    ids.fEst = await facility(db, { operatorId: ids.other, itPowerMw: 200, operationalOn: on });
    ids.fBuilding = await facility(db, {
      operatorId: ids.other,
      status: "UNDER_CONSTRUCTION",
      itPowerMw: 500,
    });
    ids.fPhased = await facility(db, {
      operatorId: ids.phased,
      itPowerMw: 1000,
      operationalOn: "2024-06-01",
    });
    await queryRows(db, sql`update facilities set facility_power_mw = 130 where id = ${ids.fParent}`);
    await queryRows(db, sql`update facilities set facility_power_mw = 156 where id = ${ids.fRef}`);
    await queryRows(
      db,
      sql`update facilities set confidence = 'ESTIMATED', note = 'fixture estimate' where id = ${ids.fEst}`,
    );
    await queryRows(db, sql`update facilities set pue = 1.3 where id = ${ids.fPhased}`);
    await queryRows(
      db,
      sql`insert into capacity_phases (facility_id, effective_on, it_power_mw, facility_power_mw, status, confidence) values
        (${ids.fPhased}, '2024-06-01', 50, null, 'OPERATIONAL', 'CONFIRMED'),
        (${ids.fPhased}, '2025-01-01', null, 260, 'OPERATIONAL', 'CONFIRMED'),
        (${ids.fPhased}, '2026-01-01', 1000, null, 'UNDER_CONSTRUCTION', 'CONFIRMED')`,
    );
  });
  afterAll(() => h.close());

  it("reports rows in scope, rows with a value, and the derived and ESTIMATED parts of the total", async () => {
    const c = await getConcentration(h.db, {
      dimension: "OPERATOR",
      measure: "CAPACITY_MW",
      asOf: "2024-01-01",
    });
    // In scope: the five operational facilities (not the one under construction, not the phased one
    // before it opened); with a value: all but the gap. 100 stated + 130/1.3 + 156/1.56 derived + 200 ESTIMATED.
    expect(c.coverage.rowsInScope).toBe(5);
    expect(c.coverage.rowsWithValue).toBe(4);
    expect(c.coverage.totalValue).toBeCloseTo(100 + 130 / 1.3 + 156 / REFERENCE_PUE + 200, 9);
    expect(c.coverage.derivedValue).toBeCloseTo(130 / 1.3 + 156 / REFERENCE_PUE, 9);
    expect(c.coverage.estimatedValue).toBeCloseTo(200, 9);
    expect(c.coverage.derivedShare).toBeCloseTo(200 / 500, 9);
    expect(c.coverage.estimatedShare).toBeCloseTo(200 / 500, 9);
  });

  it("counts a subsidiary under its ultimate parent by default and apart with rollup NONE", async () => {
    const at = "2024-01-01";
    const rolled = await getConcentration(h.db, { dimension: "OPERATOR", measure: "CAPACITY_MW", asOf: at });
    const apart = await getConcentration(h.db, {
      dimension: "OPERATOR",
      measure: "CAPACITY_MW",
      asOf: at,
      rollup: "NONE",
    });
    expect(rolled.rollup).toBe("ULTIMATE_PARENT");
    expect(rolled.shares.map((s) => [s.entity.name, s.value])).toEqual([
      ["Other", 300],
      ["Parent", 200],
    ]);
    expect(rolled.hhi).toBeCloseTo(hhiOf([300, 200]), 6);
    expect(apart.shares.map((s) => s.entity.name).sort()).toEqual(["Other", "Parent", "Subsidiary"]);
    expect(apart.hhi).toBeCloseTo(hhiOf([300, 100, 100]), 6);
    expect(rolled.hhi).toBeGreaterThan(apart.hhi ?? 0);
    expect(rolled.firms).toBe(2);
    expect(apart.firms).toBe(3);
  });

  it("uses the capacity phase in force at each date, so the index moves between two dates", async () => {
    const at = (asOf: string) =>
      getConcentration(h.db, { dimension: "OPERATOR", measure: "CAPACITY_MW", asOf });
    const before = await at("2024-12-31");
    const after = await at("2025-06-30");
    const later = await at("2026-06-30");
    const phased = (c: Awaited<ReturnType<typeof at>>) =>
      c.shares.find((s) => s.entity.name === "Phased")?.value;
    expect(phased(before)).toBeCloseTo(50, 9);
    expect(phased(after)).toBeCloseTo(260 / 1.3, 9); // facility MW / the facility's own PUE
    expect(phased(later)).toBeCloseTo(260 / 1.3, 9); // a phase UNDER_CONSTRUCTION does not count
    expect(before.hhi).toBeCloseTo(hhiOf([300, 200, 50]), 6);
    expect(after.hhi).toBeCloseTo(hhiOf([300, 200, 200]), 6);
    expect(after.coverage.derivedValue).toBeCloseTo(130 / 1.3 + 156 / REFERENCE_PUE + 200, 9);
    const compared = await getConcentration(h.db, {
      dimension: "OPERATOR",
      measure: "CAPACITY_MW",
      asOf: "2025-06-30",
      compareTo: "2024-12-31",
    });
    expect(compared.comparison?.delta).toBeCloseTo((after.hhi ?? 0) - (before.hhi ?? 0), 6);
  });

  it("marks risk components without data as unknown and reports the score's coverage", async () => {
    const r = await getRiskScores(h.db, {
      subject: "FACILITY",
      asOf: "2024-01-01",
      filter: { ids: [String(ids.fGap), String(ids.fParent)] },
    });
    const byId = new Map(r.items.map((i) => [i.subject.id, i]));
    const gap = byId.get(String(ids.fGap));
    const parent = byId.get(String(ids.fParent));
    const w = DEFAULT_WEIGHTS.FACILITY;
    const known = (s: typeof gap) =>
      Object.fromEntries((s?.components ?? []).map((c) => [c.component, c.known]));
    expect(known(gap)).toEqual({
      POWER_DENSITY: false,
      OUTAGE_HISTORY: true,
      REGULATORY_EXPOSURE: true,
      SYSTEMIC_IMPORTANCE: false,
      ENVIRONMENT: false,
    });
    expect(gap?.coverage).toBeCloseTo((w.OUTAGE_HISTORY ?? 0) + (w.REGULATORY_EXPOSURE ?? 0), 12);
    expect(known(parent).ENVIRONMENT).toBe(true);
    expect(known(parent).SYSTEMIC_IMPORTANCE).toBe(true);
    expect(parent?.coverage).toBeCloseTo(1 - (w.POWER_DENSITY ?? 0), 12);
  });

  it("counts blast-radius edges without a weight", async () => {
    const x = await vendor(h.db, "MODEL_LAB", "X");
    const y = await vendor(h.db, "MODEL_LAB", "Y");
    await queryRows(
      h.db,
      sql`insert into dependencies (dependent_id, provider_vendor_id, kind, weight, confidence) values
        (${x}, ${ids.other}, 'CLOUD_TENANT', 0.5, 'CONFIRMED'), (${y}, ${x}, 'MODEL_API', null, 'CONFIRMED')`,
    );
    const b = await getBlastRadius(h.db, { provider: { vendorId: ids.other as number }, asOf: "2024-01-01" });
    expect(b.dependents.map((d) => [d.vendor.name, d.exposure, d.weightUnknown])).toEqual([
      ["X", 0.5, false],
      ["Y", 0.5, true],
    ]);
    expect(b.pathEdges).toBe(2);
    expect(b.edgesWithoutWeight).toBe(1);
  });

  it("lists per index input how many rows feed it", async () => {
    const c = await getDataCoverage(h.db, "2025-06-30");
    const row = (input: string) => c.inputs.find((i) => i.input === input);
    // Operational at 2025-06-30: the five plus the phased facility; the gap has no MW.
    expect(row("facility IT or facility MW")).toMatchObject({ rowsInScope: 6, rowsWithValue: 5 });
    expect(row("IT MW derived from facility MW")).toMatchObject({ rowsInScope: 5, rowsWithValue: 3 });
    expect(row("capacity history")).toMatchObject({ rowsInScope: 6, rowsWithValue: 1 });
    expect(row("vendor parent")?.rowsWithValue).toBe(1);
    expect(row("dependency weights")).toMatchObject({ rowsInScope: 2, rowsWithValue: 1, share: 0.5 });
  });
});

describe(`capacity phases and roll-up cycles are refused by the database (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  const refused = (q: ReturnType<typeof sql>) =>
    queryRows(h.db, q).then(
      () => "accepted",
      (e: Error & { cause?: { message?: string } }) => `${e.message} ${e.cause?.message ?? ""}`,
    );

  it("refuses a parent cycle, also when written by one statement", async () => {
    const a = await vendor(h.db);
    const b = await vendor(h.db);
    await queryRows(h.db, sql`update vendors set parent_id = ${a} where id = ${b}`);
    expect(await refused(sql`update vendors set parent_id = ${b} where id = ${a}`)).toMatch(/own ancestor/);
    const c = await vendor(h.db);
    const d = await vendor(h.db);
    expect(
      await refused(
        sql`update vendors set parent_id = (case id when ${c}::int then ${d}::int else ${c}::int end) where id in (${c}::int, ${d}::int)`,
      ),
    ).toMatch(/own ancestor/);
    const rows = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from vendors where id in (${a}, ${c}, ${d}) and parent_id is not null`,
    );
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("refuses two phases on one date, a phase without MW, and an ESTIMATED phase without its method", async () => {
    const op = await vendor(h.db);
    const f = await facility(h.db, { operatorId: op });
    await queryRows(
      h.db,
      sql`insert into capacity_phases (facility_id, effective_on, it_power_mw, status, confidence)
        values (${f}, '2025-01-01', 10, 'OPERATIONAL', 'CONFIRMED')`,
    );
    expect(
      await refused(sql`insert into capacity_phases (facility_id, effective_on, it_power_mw, status, confidence)
        values (${f}, '2025-01-01', 20, 'OPERATIONAL', 'CONFIRMED')`),
    ).toMatch(/capacity_phases_facility_effective_on_unique|duplicate key/);
    expect(
      await refused(sql`insert into capacity_phases (facility_id, effective_on, status, confidence)
        values (${f}, '2025-02-01', 'OPERATIONAL', 'CONFIRMED')`),
    ).toMatch(/capacity_phases_some_mw|check constraint/);
    expect(
      await refused(sql`insert into capacity_phases (facility_id, effective_on, it_power_mw, status, confidence)
        values (${f}, '2025-03-01', 30, 'OPERATIONAL', 'ESTIMATED')`),
    ).toMatch(/capacity_phases_estimate_has_method|check constraint/);
  });
});
