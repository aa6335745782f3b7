import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { getConcentration, getConcentrationSeries } from "../../src/indices/concentration/index.ts";
import { IndexInputError } from "../../src/indices/errors.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { chip, deployment, facility, marketShare, vendor } from "./fixtures.ts";

describe(`concentration (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  it("computes HHI 3000, CR4 1, HIGHLY, 3.33 effective competitors for shares .4/.3/.2/.1 of MW", async () => {
    for (const [mw, country] of [
      [40, "AA"],
      [30, "AB"],
      [20, "AC"],
      [10, "AD"],
    ] as const) {
      const op = await vendor(h.db);
      await facility(h.db, { operatorId: op, country, itPowerMw: mw, operationalOn: "2020-01-01" });
    }
    const c = await getConcentration(h.db, {
      dimension: "COUNTRY",
      measure: "CAPACITY_MW",
      asOf: "2024-01-01",
    });
    expect(c.hhi).toBeCloseTo(3000, 9);
    expect(c.crN).toBeCloseTo(1, 12);
    expect(c.class).toBe("HIGHLY_CONCENTRATED");
    expect(c.effectiveCompetitors).toBeCloseTo(10 / 3, 9);
    expect(c.shares.map((s) => [s.entity.id, s.share])).toEqual([
      ["AA", 0.4],
      ["AB", 0.3],
      ["AC", 0.2],
      ["AD", 0.1],
    ]);
    expect(c.unattributedShare).toBe(0);
  });

  it("classes 10 equal firms (HHI 1000, the lower boundary) as MODERATELY_CONCENTRATED", async () => {
    const seg = "ten-equal";
    for (let i = 0; i < 10; i++)
      await marketShare(h.db, seg, await vendor(h.db), 0.1, "2024-01-01", "2024-12-31");
    const ten = await getConcentration(h.db, {
      dimension: "OPERATOR",
      measure: "REPORTED_SHARE",
      segment: seg,
      asOf: "2024-06-30",
    });
    expect(ten.hhi).toBeCloseTo(1000, 9);
    expect(ten.class).toBe("MODERATELY_CONCENTRATED");
    expect(ten.effectiveCompetitors).toBeCloseTo(10, 9);
    expect(ten.crN).toBeCloseTo(0.4, 12);
  });

  it("reports the unattributed share of reported shares and does not count it as a firm", async () => {
    const seg = "partial";
    const a = await vendor(h.db);
    const b = await vendor(h.db);
    await marketShare(h.db, seg, a, 0.5, "2023-01-01", "2023-12-31");
    await marketShare(h.db, seg, b, 0.2, "2023-01-01", "2023-12-31");
    await marketShare(h.db, seg, b, 0.9, "2022-01-01", "2022-12-31"); // other period: ignored
    const c = await getConcentration(h.db, {
      dimension: "CHIP_DESIGNER",
      measure: "REPORTED_SHARE",
      segment: seg,
      asOf: "2023-03-01",
      n: 1,
    });
    expect(c.firms).toBe(2);
    expect(c.unattributedShare).toBeCloseTo(0.3, 12);
    expect(c.hhi).toBeCloseTo(50 * 50 + 20 * 20, 9);
    expect(c.crN).toBeCloseTo(0.5, 12);
    expect(c.shares[0]?.entity).toMatchObject({ kind: "VENDOR", id: String(a) });
  });

  it("returns hhi null (never 0 or NaN) on an empty market", async () => {
    const c = await getConcentration(h.db, {
      dimension: "OPERATOR",
      measure: "REPORTED_SHARE",
      segment: "nobody-here",
      asOf: "2024-01-01",
    });
    expect(c.hhi).toBeNull();
    expect(c.class).toBeNull();
    expect(c.effectiveCompetitors).toBeNull();
    expect(c.shares).toEqual([]);
  });

  it("counts only facilities operational at the date, and the latest deployment row per facility and chip", async () => {
    const designerA = await vendor(h.db, "CHIP_DESIGNER");
    const designerB = await vendor(h.db, "CHIP_DESIGNER");
    const op = await vendor(h.db);
    const live = await facility(h.db, { operatorId: op, country: "ZA", operationalOn: "2021-01-01" });
    const future = await facility(h.db, { operatorId: op, country: "ZA", operationalOn: "2030-01-01" });
    const gone = await facility(h.db, {
      operatorId: op,
      status: "DECOMMISSIONED",
      country: "ZA",
      operationalOn: "2015-01-01",
      decommissionedOn: "2022-01-01",
    });
    const chipA = await chip(h.db, designerA, null);
    const chipB = await chip(h.db, designerB, null);
    await deployment(h.db, live, chipA, 100, "2021-06-01");
    await deployment(h.db, live, chipA, 300, "2023-06-01"); // latest at 2024: 300
    await deployment(h.db, live, chipA, 999, "2025-06-01"); // after asOf: ignored
    await deployment(h.db, live, chipB, 100, "2022-01-01");
    await deployment(h.db, future, chipB, 5000, "2022-01-01"); // not yet operational
    await deployment(h.db, gone, chipB, 5000, "2020-01-01"); // decommissioned by 2024
    const c = await getConcentration(h.db, {
      dimension: "CHIP_DESIGNER",
      measure: "ACCELERATORS",
      asOf: "2024-01-01",
      compareTo: "2021-12-31",
    });
    expect(c.shares.map((s) => [s.entity.id, s.value])).toEqual([
      [String(designerA), 300],
      [String(designerB), 100],
    ]);
    expect(c.hhi).toBeCloseTo(75 * 75 + 25 * 25, 9);
    // 2021-12-31: the decommissioned facility still ran (5000 B) and live had 100 A.
    const beforeShareA = 100 / 5100;
    const beforeHhi = (100 * beforeShareA) ** 2 + (100 * (1 - beforeShareA)) ** 2;
    expect(c.comparison?.hhi).toBeCloseTo(beforeHhi, 6);
    expect(c.comparison?.delta).toBeCloseTo((c.hhi as number) - beforeHhi, 6);
    expect(c.comparison?.significantIncrease).toBe(false);
  });

  it("computes a series in one statement matching point queries", async () => {
    const op = await vendor(h.db);
    const other = await vendor(h.db);
    await facility(h.db, {
      operatorId: op,
      country: "YY",
      gridRegion: "G1",
      itPowerMw: 10,
      operationalOn: "2020-01-01",
    });
    await facility(h.db, {
      operatorId: other,
      country: "YY",
      gridRegion: "G2",
      itPowerMw: 30,
      operationalOn: "2021-01-01",
    });
    let statements = 0;
    // Transaction control and SET LOCAL (JIT off) are not queries.
    const off = h.onStatement((text) => {
      if (!/^\s*(begin|commit|rollback|set )/i.test(text)) statements++;
    });
    const series = await getConcentrationSeries(h.db, {
      dimension: "GRID_REGION",
      measure: "CAPACITY_MW",
      from: "2020-06-01",
      to: "2021-06-01",
      interval: "QUARTER",
    });
    off();
    expect(statements).toBe(1);
    expect(series.map((p) => p.asOf)).toEqual([
      "2020-06-01",
      "2020-09-01",
      "2020-12-01",
      "2021-03-01",
      "2021-06-01",
    ]);
    for (const p of series) {
      const point = await getConcentration(h.db, {
        dimension: "GRID_REGION",
        measure: "CAPACITY_MW",
        asOf: p.asOf,
      });
      expect(p.hhi).toBeCloseTo(point.hhi as number, 9);
      expect(p.crN).toBeCloseTo(point.crN as number, 12);
    }
    expect(series[0]?.hhi).toBeCloseTo(10000, 9);
    expect(series[4]?.hhi).toBeCloseTo(25 * 25 + 75 * 75, 9);
  });

  it("refuses invalid combinations with an error naming the argument", async () => {
    const err = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const cases: [Promise<unknown>, string][] = [
      [
        getConcentration(h.db, { dimension: "CHIP_DESIGNER", measure: "CAPACITY_MW", asOf: "2024-01-01" }),
        "dimension",
      ],
      [
        getConcentration(h.db, {
          dimension: "COUNTRY",
          measure: "REPORTED_SHARE",
          segment: "x",
          asOf: "2024-01-01",
        }),
        "dimension",
      ],
      [
        getConcentration(h.db, { dimension: "OPERATOR", measure: "REPORTED_SHARE", asOf: "2024-01-01" }),
        "segment",
      ],
      [
        getConcentration(h.db, {
          dimension: "OPERATOR",
          measure: "CAPACITY_MW",
          segment: "x",
          asOf: "2024-01-01",
        }),
        "segment",
      ],
      [getConcentration(h.db, { dimension: "OPERATOR", measure: "CAPACITY_MW", asOf: "1989-12-31" }), "asOf"],
      [getConcentration(h.db, { dimension: "OPERATOR", measure: "CAPACITY_MW", asOf: "2024-02-30" }), "asOf"],
      [
        getConcentration(h.db, { dimension: "OPERATOR", measure: "CAPACITY_MW", asOf: "2024-01-01", n: 0 }),
        "n",
      ],
      [
        getConcentration(h.db, {
          dimension: "OPERATOR",
          measure: "CAPACITY_MW",
          asOf: "2024-01-01",
          compareTo: "3000-01-01",
        }),
        "compareTo",
      ],
    ];
    for (const [p, argument] of cases) {
      const e = await err(p);
      expect(e).toBeInstanceOf(IndexInputError);
      expect((e as IndexInputError).argument).toBe(argument);
    }
  });
});
