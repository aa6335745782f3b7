import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { IndexInputError } from "../../src/indices/errors.ts";
import { getRiskScores, type RiskScore } from "../../src/indices/risk/index.ts";
import { COMPONENTS } from "../../src/indices/risk/parameters.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { chip, dependency, deployment, facility, outage, rule, vendor } from "./fixtures.ts";

const AS_OF = "2024-06-30";

const component = (s: RiskScore | undefined, name: string) => s?.components.find((c) => c.component === name);

describe(`risk scores (${testBackend()})`, () => {
  let h: DatabaseHandle;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    h = await testDatabase("empty");
    const db = h.db;
    ids.x = await vendor(db, "HYPERSCALER", "X");
    ids.y = await vendor(db, "NEOCLOUD", "Y");
    // A: DE-BY, 60 MW, 145 kW racks → 0.5; PUE 1.6 → 0.5, WUE 0.9 → 0.5.
    ids.a = await facility(db, {
      operatorId: ids.x,
      country: "DE",
      subdivision: "DE-BY",
      itPowerMw: 60,
      rackKw: 145,
      pue: 1.6,
      wue: 0.9,
      operationalOn: "2020-01-01",
    });
    ids.b = await facility(db, {
      operatorId: ids.y,
      country: "US",
      itPowerMw: 40,
      operationalOn: "2020-01-01",
    });
    // Under construction at asOf: not operational, its 250 kW racks do not count for X.
    ids.c = await facility(db, {
      operatorId: ids.x,
      country: "DE",
      status: "UNDER_CONSTRUCTION",
      itPowerMw: 500,
      rackKw: 250,
    });
    // Outages at A: severity 5 exactly 365 days before asOf (5/5 · 0.5 = 0.5), severity 1 on asOf (0.2).
    ids.o1 = await outage(db, "2023-07-01T12:00:00Z", 5, { facilityId: ids.a });
    ids.o2 = await outage(db, "2024-06-30T10:00:00Z", 1, { facilityId: ids.a });
    await outage(db, "2024-07-02T12:00:00Z", 5, { facilityId: ids.a }); // after asOf
    ids.o3 = await outage(db, "2022-06-30T12:00:00Z", 2, { vendorId: ids.x }); // 731 days before asOf
    // Rules reaching A: DE PASSED .5, DE-BY PROPOSED .25, EU ENACTED .75; others do not count.
    ids.rDe = await rule(db, "DE", "PASSED", ["POWER"], "2023-01-01");
    ids.rBy = await rule(db, "DE-BY", "PROPOSED", ["WATER", "SAFETY"], "2023-01-01");
    ids.rEu = await rule(db, "EU", "ENACTED", ["CARBON"], "2022-01-01");
    await rule(db, "FR", "IN_FORCE", ["POWER"], "2022-01-01"); // elsewhere
    await rule(db, "DE", "IN_FORCE", ["PRIVACY"], "2022-01-01"); // topic not counted
    await rule(db, "DE", "REPEALED", ["POWER"], "2022-01-01"); // weight 0
    await rule(db, "DE", "IN_FORCE", ["POWER"], "2025-01-01"); // announced after asOf
    // Dependents: T and U on A, W on B.
    const [t, u, w] = [
      await vendor(db, "MODEL_LAB"),
      await vendor(db, "MODEL_LAB"),
      await vendor(db, "MODEL_LAB"),
    ];
    await dependency(db, { dependentId: t, providerFacilityId: ids.a, weight: 0.5, kind: "COLOCATION" });
    await dependency(db, { dependentId: u, providerFacilityId: ids.a, weight: 0.5, kind: "COLOCATION" });
    await dependency(db, { dependentId: w, providerFacilityId: ids.b, weight: 0.5, kind: "COLOCATION" });
    // X's accelerators at A: 300 of designer D1, 100 of D2, all from foundry F.
    const [d1, d2, f] = [
      await vendor(db, "CHIP_DESIGNER"),
      await vendor(db, "CHIP_DESIGNER"),
      await vendor(db, "FOUNDRY"),
    ];
    ids.dep1 = await deployment(db, ids.a, await chip(db, d1, f), 300, "2023-01-01");
    ids.dep2 = await deployment(db, ids.a, await chip(db, d2, f), 100, "2023-01-01");
  });
  afterAll(() => h.close());

  it("scores a facility component by component, with evidence and notes", async () => {
    const r = await getRiskScores(h.db, { subject: "FACILITY", asOf: AS_OF, first: 10 });
    const a = r.items.find((i) => i.subject.id === String(ids.a));
    const exposure = 1 - 0.5 * 0.25 * 0.75;
    expect(component(a, "POWER_DENSITY")?.value).toBeCloseTo(0.5, 12);
    expect(component(a, "OUTAGE_HISTORY")?.value).toBeCloseTo(0.7, 12);
    expect(component(a, "REGULATORY_EXPOSURE")?.value).toBeCloseTo(exposure, 12);
    expect(component(a, "SYSTEMIC_IMPORTANCE")?.value).toBeCloseTo(1, 12);
    expect(component(a, "ENVIRONMENT")?.value).toBeCloseTo(0.5, 12);
    expect(a?.score).toBeCloseTo(100 * (0.25 * 0.5 + 0.25 * 0.7 + 0.2 * exposure + 0.15 * 1 + 0.15 * 0.5), 9);
    expect(component(a, "OUTAGE_HISTORY")?.evidence).toEqual([
      { kind: "OUTAGE", id: String(ids.o1) },
      { kind: "OUTAGE", id: String(ids.o2) },
    ]);
    expect(
      component(a, "REGULATORY_EXPOSURE")
        ?.evidence.map((e) => Number(e.id))
        .sort(),
    ).toEqual([ids.rDe, ids.rBy, ids.rEu].sort());
    expect(component(a, "POWER_DENSITY")?.contribution).toBeCloseTo(100 * 0.25 * 0.5, 12);

    const b = r.items.find((i) => i.subject.id === String(ids.b));
    expect(component(b, "SYSTEMIC_IMPORTANCE")?.value).toBeCloseTo(0.5 * (40 / 60) + 0.5 * (1 / 2), 12);
    expect(component(b, "POWER_DENSITY")?.value).toBe(0);
    expect(component(b, "POWER_DENSITY")?.note).toMatch(/no typical rack density/);
    expect(component(b, "ENVIRONMENT")?.note).toMatch(/no PUE or WUE/);
    // Ranked by score, highest first.
    const scores = r.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((p, q) => q - p));
    expect(r.items[0]?.subject.id).toBe(String(ids.a));
  });

  it("scores a vendor over its operational facilities, outages and accelerator supply", async () => {
    const r = await getRiskScores(h.db, { subject: "VENDOR", asOf: AS_OF, filter: { ids: [String(ids.x)] } });
    expect(r.totalCount).toBe(1);
    const x = r.items[0];
    const outages = 0.5 + 0.2 + (2 / 5) * 0.5 ** (731 / 365);
    const exposure = 1 - 0.5 * 0.25 * 0.75;
    const supply = (0.75 + 1) / 2;
    expect(component(x, "POWER_DENSITY")?.value).toBeCloseTo(0.5, 12);
    expect(component(x, "OUTAGE_HISTORY")?.value).toBeCloseTo(outages, 12);
    expect(component(x, "REGULATORY_EXPOSURE")?.value).toBeCloseTo(exposure, 12);
    expect(component(x, "SYSTEMIC_IMPORTANCE")?.value).toBeCloseTo(1, 12);
    expect(component(x, "ENVIRONMENT")?.value).toBeCloseTo(0.5, 12);
    expect(component(x, "SUPPLY_CONCENTRATION")?.value).toBeCloseTo(supply, 12);
    expect(component(x, "SUPPLY_CONCENTRATION")?.evidence).toEqual([
      { kind: "DEPLOYMENT", id: String(ids.dep1) },
      { kind: "DEPLOYMENT", id: String(ids.dep2) },
    ]);
    expect(x?.score).toBeCloseTo(
      100 * (0.1 * 0.5 + 0.2 * outages + 0.15 * exposure + 0.25 * 1 + 0.1 * 0.5 + 0.2 * supply),
      9,
    );
  });

  it("scores jurisdictions over the facilities they cover and the rules reaching inside them", async () => {
    const r = await getRiskScores(h.db, {
      subject: "JURISDICTION",
      asOf: AS_OF,
      filter: { ids: ["DE", "DE-BY", "FR"] },
    });
    const de = r.items.find((i) => i.subject.id === "DE");
    const by = r.items.find((i) => i.subject.id === "DE-BY");
    expect(component(de, "REGULATORY_EXPOSURE")?.value).toBeCloseTo(1 - 0.5 * 0.25, 12); // DE and EU rules
    expect(component(by, "REGULATORY_EXPOSURE")?.value).toBeCloseTo(1 - 0.5 * 0.25 * 0.75, 12);
    expect(component(de, "OUTAGE_HISTORY")?.value).toBeCloseTo(0.7, 12);
    expect(component(de, "SYSTEMIC_IMPORTANCE")?.value).toBeCloseTo(1, 12); // 60 MW, as large as the EU's
    expect(de?.score).toBeCloseTo(100 * (0.2 * 0.5 + 0.2 * 0.7 + 0.3 * 0.875 + 0.2 * 1 + 0.1 * 0.5), 9);
    const fr = r.items.find((i) => i.subject.id === "FR");
    expect(component(fr, "REGULATORY_EXPOSURE")?.value).toBe(1);
    expect(component(fr, "SYSTEMIC_IMPORTANCE")?.value).toBe(0);
  });

  it("saturates exposure at 1 without float underflow when a jurisdiction has hundreds of rules", async () => {
    await queryRows(
      h.db,
      sql`insert into regulatory_events (slug, title, jurisdiction, instrument, stage, topics, announced_on, confidence)
        select 'jp-rule-' || i, 'R', 'JP', 'LAW', 'ENACTED', array['POWER'::regulatory_topic], '2020-01-01', 'CONFIRMED'
        from generate_series(1, 800) i`,
    );
    const r = await getRiskScores(h.db, { subject: "JURISDICTION", asOf: AS_OF, filter: { ids: ["JP"] } });
    const reg = component(r.items[0], "REGULATORY_EXPOSURE");
    expect(reg?.value).toBeCloseTo(1, 12);
    expect(reg?.evidenceCount).toBe(800);
    expect(reg?.evidence).toHaveLength(50);
  });

  it("counts every rule behind a facility's or vendor's exposure and lists the most influential 50", async () => {
    const rules = (stage: string, n: number) =>
      queryRows<{ id: number }>(
        h.db,
        sql`insert into regulatory_events (slug, title, jurisdiction, instrument, stage, topics, announced_on, confidence)
          select 'kr-' || replace(lower(${stage}), '_', '-') || '-' || i, 'R', 'KR', 'LAW', ${stage}, array['WATER'::regulatory_topic], '2020-01-01', 'CONFIRMED'
          from generate_series(1, ${n}::int) i returning id`,
      );
    const inForce = (await rules("IN_FORCE", 5)).map((r) => String(r.id));
    await rules("ENACTED", 60);
    const operator = await vendor(h.db, "NEOCLOUD");
    const site = await facility(h.db, { operatorId: operator, country: "KR", itPowerMw: 5 });
    for (const [subject, id] of [
      ["FACILITY", site],
      ["VENDOR", operator],
    ] as const) {
      const r = await getRiskScores(h.db, { subject, asOf: AS_OF, filter: { ids: [String(id)] } });
      const reg = component(r.items[0], "REGULATORY_EXPOSURE");
      expect(reg?.evidenceCount, subject).toBe(65);
      expect(reg?.evidence, subject).toHaveLength(50);
      expect(
        reg?.evidence
          .slice(0, 5)
          .map((e) => e.id)
          .sort(),
        subject,
      ).toEqual([...inForce].sort());
    }
  });

  it("lists rules of equal weight in the evidence order (id as text), whichever subject they reach", async () => {
    // 60 rules of one weight with ids 99990..100049: as text, "100000".."100049" come before "99990".
    const rows = await queryRows<{ id: number }>(
      h.db,
      sql`insert into regulatory_events (id, slug, title, jurisdiction, instrument, stage, topics, announced_on, confidence)
        select i, 'nz-rule-' || i, 'R', 'NZ', 'LAW', 'ENACTED', array['GRID_CONNECTION'::regulatory_topic], '2020-01-01', 'CONFIRMED'
        from generate_series(99990, 100049) i returning id`,
    );
    const expected = rows
      .map((r) => String(r.id))
      .sort()
      .slice(0, 50);
    expect(expected[0]).toBe("100000");
    const operator = await vendor(h.db, "NEOCLOUD");
    const site = await facility(h.db, {
      operatorId: operator,
      country: "NZ",
      itPowerMw: 5,
      operationalOn: "2020-01-01",
    });
    for (const [subject, id] of [
      ["FACILITY", String(site)],
      ["VENDOR", String(operator)],
      ["JURISDICTION", "NZ"],
    ] as const) {
      const r = await getRiskScores(h.db, { subject, asOf: AS_OF, filter: { ids: [id] } });
      const reg = component(r.items[0], "REGULATORY_EXPOSURE");
      expect(reg?.evidenceCount, subject).toBe(60);
      expect(
        reg?.evidence.map((e) => e.id),
        subject,
      ).toEqual(expected);
    }
  });

  it("counts every facility and deployment behind a vendor's and a jurisdiction's components and lists the 50 largest", async () => {
    // 55 facilities in Norway (MW 1..55, rack density on the 53 smallest) with 10·i accelerators each.
    const operator = await vendor(h.db, "NEOCLOUD");
    const designer = await vendor(h.db, "CHIP_DESIGNER");
    const c = await chip(h.db, designer, null);
    const sites: number[] = [];
    const deployments: number[] = [];
    for (let i = 1; i <= 55; i++) {
      const site = await facility(h.db, {
        operatorId: operator,
        country: "NO",
        itPowerMw: i,
        rackKw: i <= 53 ? 100 : null,
        pue: 1.5,
        operationalOn: "2020-01-01",
      });
      sites.push(site);
      deployments.push(await deployment(h.db, site, c, 10 * i, "2023-01-01"));
    }
    // Largest first: MW (accelerators) i from `top` down, 50 of them.
    const largest = (ids: number[], top: number) =>
      Array.from({ length: 50 }, (_, k) => String(ids[top - 1 - k]));
    const expected: ["VENDOR" | "JURISDICTION", string, number, string[]][] = [
      ["VENDOR", "POWER_DENSITY", 53, largest(sites, 53)],
      ["VENDOR", "SYSTEMIC_IMPORTANCE", 55, largest(sites, 55)],
      ["VENDOR", "ENVIRONMENT", 55, largest(sites, 55)],
      ["VENDOR", "SUPPLY_CONCENTRATION", 55, largest(deployments, 55)],
      ["JURISDICTION", "POWER_DENSITY", 53, largest(sites, 53)],
      ["JURISDICTION", "SYSTEMIC_IMPORTANCE", 55, largest(sites, 55)],
      ["JURISDICTION", "ENVIRONMENT", 55, largest(sites, 55)],
    ];
    for (const [subject, name, count, ids] of expected) {
      const id = subject === "VENDOR" ? String(operator) : "NO";
      const r = await getRiskScores(h.db, { subject, asOf: AS_OF, filter: { ids: [id] } });
      const k = component(r.items[0], name);
      expect(k?.evidenceCount, `${subject} ${name}`).toBe(count);
      expect(
        k?.evidence.map((e) => e.id),
        `${subject} ${name}`,
      ).toEqual(ids);
    }
  });

  it("pages with cursors in score order", async () => {
    const all = await getRiskScores(h.db, { subject: "FACILITY", asOf: AS_OF, first: 100 });
    const one = await getRiskScores(h.db, { subject: "FACILITY", asOf: AS_OF, first: 1 });
    expect(one.hasNextPage).toBe(all.items.length > 1);
    const next = await getRiskScores(h.db, {
      subject: "FACILITY",
      asOf: AS_OF,
      first: 1,
      after: one.endCursor,
    });
    expect(next.items[0]?.subject.id).toBe(all.items[1]?.subject.id);
    expect(next.totalCount).toBe(all.totalCount);
  });

  it("validates weights, naming the argument", async () => {
    for (const weights of [
      [{ component: "POWER_DENSITY" as const, weight: 0.5 }],
      [
        { component: "POWER_DENSITY" as const, weight: 1.5 },
        { component: "ENVIRONMENT" as const, weight: -0.5 },
      ],
      [{ component: "NOPE" as never, weight: 1 }],
    ]) {
      const e = await getRiskScores(h.db, { subject: "FACILITY", asOf: AS_OF, weights }).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(IndexInputError);
      expect((e as IndexInputError).argument).toBe("weights");
    }
    const bad = await getRiskScores(h.db, { subject: "FACILITY", asOf: AS_OF, after: "zzz" }).catch((x) => x);
    expect((bad as IndexInputError).argument).toBe("after");
  });

  it("counts a weight below the sum's 1e-9 precision as 0 instead of underflowing (fast-check seed -1170364773)", async () => {
    // A subnormal weight made PostgreSQL's float8 `100 · w · c` round a non-zero product to 0, which it refuses.
    for (const subject of ["FACILITY", "VENDOR", "JURISDICTION"] as const) {
      const tiny = await getRiskScores(h.db, {
        subject,
        asOf: AS_OF,
        first: 100,
        weights: [
          { component: "SYSTEMIC_IMPORTANCE", weight: 1.5e-323 },
          { component: "ENVIRONMENT", weight: 1 },
        ],
      });
      const plain = await getRiskScores(h.db, {
        subject,
        asOf: AS_OF,
        first: 100,
        weights: [{ component: "ENVIRONMENT", weight: 1 }],
      });
      expect(tiny.items.length).toBeGreaterThan(0);
      expect(tiny.weights.find((w) => w.component === "SYSTEMIC_IMPORTANCE")?.weight).toBe(0);
      expect(tiny.items.map((i) => [i.subject.id, i.score])).toEqual(
        plain.items.map((i) => [i.subject.id, i.score]),
      );
    }
  });

  it("keeps score = Σ contributions ∈ [0, 100] for any valid weights (property)", async () => {
    const weightsArb = fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), {
        minLength: COMPONENTS.length,
        maxLength: COMPONENTS.length,
      })
      .filter((xs) => xs.reduce((a, b) => a + b, 0) > 0.01)
      .map((xs) => {
        const total = xs.reduce((a, b) => a + b, 0);
        const ws = xs.map((x) => x / total);
        ws[0] = 1 - ws.slice(1).reduce((a, b) => a + b, 0); // exact sum 1
        return COMPONENTS.map((c, i) => ({ component: c, weight: Math.max(0, ws[i] as number) }));
      })
      .filter((ws) => Math.abs(ws.reduce((a, w) => a + w.weight, 0) - 1) <= 1e-9);
    await fc.assert(
      fc.asyncProperty(
        weightsArb,
        fc.constantFrom("FACILITY", "VENDOR", "JURISDICTION") as fc.Arbitrary<"FACILITY">,
        async (weights, subject) => {
          const r = await getRiskScores(h.db, { subject, asOf: AS_OF, weights, first: 100 });
          for (const item of r.items) {
            const sum = item.components.reduce((a, c) => a + c.contribution, 0);
            expect(item.score).toBeCloseTo(sum, 9);
            expect(item.score).toBeGreaterThanOrEqual(0);
            expect(item.score).toBeLessThanOrEqual(100 + 1e-9);
            for (const c of item.components) {
              expect(c.value).toBeGreaterThanOrEqual(0);
              expect(c.value).toBeLessThanOrEqual(1);
              expect(c.contribution).toBeCloseTo(100 * c.weight * c.value, 9);
            }
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
