import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { getBlastRadius } from "../../src/indices/blast-radius.ts";
import { IndexInputError } from "../../src/indices/errors.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { dependency, facility, vendor } from "./fixtures.ts";

const AS_OF = "2024-06-01";

describe(`blast radius (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  it("follows a chain with the product of weights, and only dependencies active at asOf", async () => {
    const [a, b, c, d, old] = [
      await vendor(h.db),
      await vendor(h.db),
      await vendor(h.db),
      await vendor(h.db),
      await vendor(h.db),
    ];
    await dependency(h.db, { dependentId: b, providerVendorId: a, weight: 0.5, since: "2020-01-01" });
    await dependency(h.db, { dependentId: c, providerVendorId: b, weight: 0.4 });
    await dependency(h.db, { dependentId: d, providerVendorId: c, weight: null });
    await dependency(h.db, {
      dependentId: old,
      providerVendorId: a,
      weight: 1,
      since: "2010-01-01",
      until: "2020-01-01",
    });
    await dependency(h.db, { dependentId: old, providerVendorId: b, weight: 1, since: "2025-01-01" });
    const r = await getBlastRadius(h.db, { provider: { vendorId: a }, asOf: AS_OF });
    expect(r.dependents.map((x) => [x.vendor.id, x.depth, x.exposure, x.weightUnknown])).toEqual([
      [b, 1, 0.5, false],
      [c, 2, 0.2, false],
      [d, 3, 0.2, true],
    ]);
    expect(r.dependents[2]?.path).toEqual([
      { kind: "VENDOR", id: a },
      { kind: "VENDOR", id: b },
      { kind: "VENDOR", id: c },
      { kind: "VENDOR", id: d },
    ]);
    const shallow = await getBlastRadius(h.db, { provider: { vendorId: a }, asOf: AS_OF, maxDepth: 2 });
    expect(shallow.dependents.map((x) => x.vendor.id)).toEqual([b, c]);
  });

  it("takes the max over paths in a diamond", async () => {
    const [top, left, right, bottom] = [
      await vendor(h.db),
      await vendor(h.db),
      await vendor(h.db),
      await vendor(h.db),
    ];
    await dependency(h.db, { dependentId: left, providerVendorId: top, weight: 0.9 });
    await dependency(h.db, { dependentId: right, providerVendorId: top, weight: 0.3 });
    await dependency(h.db, { dependentId: bottom, providerVendorId: left, weight: 0.5, kind: "CHIP_SUPPLY" });
    await dependency(h.db, { dependentId: bottom, providerVendorId: right, weight: 1 });
    await dependency(h.db, { dependentId: bottom, providerVendorId: top, weight: 0.1, kind: "MODEL_API" });
    const r = await getBlastRadius(h.db, { provider: { vendorId: top }, asOf: AS_OF });
    const b = r.dependents.find((x) => x.vendor.id === bottom);
    expect(b?.exposure).toBeCloseTo(0.45, 12); // max(0.9·0.5, 0.3·1, 0.1)
    expect(b?.path.map((s) => s.id)).toEqual([top, left, bottom]);
    expect(b?.shortestDepth).toBe(1);
    expect(r.dependents).toHaveLength(3);
  });

  it("terminates on a cycle and never lists the provider", async () => {
    const [x, y, z] = [await vendor(h.db), await vendor(h.db), await vendor(h.db)];
    await dependency(h.db, { dependentId: y, providerVendorId: x, weight: 0.5 });
    await dependency(h.db, { dependentId: z, providerVendorId: y, weight: 0.5 });
    await dependency(h.db, { dependentId: x, providerVendorId: z, weight: 0.5 });
    const r = await getBlastRadius(h.db, { provider: { vendorId: x }, asOf: AS_OF, maxDepth: 10 });
    expect(r.dependents.map((d) => d.vendor.id).sort()).toEqual([y, z].sort());
  });

  it("goes through the provider's facilities and reports the capacity behind it", async () => {
    const cloud = await vendor(h.db);
    const tenant = await vendor(h.db, "MODEL_LAB");
    const other = await vendor(h.db);
    const site = await facility(h.db, { operatorId: cloud, itPowerMw: 30, operationalOn: "2020-01-01" });
    await facility(h.db, { operatorId: cloud, itPowerMw: 500, operationalOn: "2030-01-01" }); // not yet
    const [{ total }] = (await queryRows<{ total: number }>(
      h.db,
      sql`select coalesce(sum(it_power_mw), 0)::float8 as total from facilities
          where status in ('OPERATIONAL','DECOMMISSIONED') and (operational_on is null or operational_on <= ${AS_OF}::date)
            and (decommissioned_on is null or decommissioned_on > ${AS_OF}::date)`,
    )) as [{ total: number }];
    await dependency(h.db, {
      dependentId: tenant,
      providerFacilityId: site,
      weight: 0.7,
      kind: "COLOCATION",
    });
    await dependency(h.db, { dependentId: other, providerVendorId: tenant, weight: 0.5, kind: "MODEL_API" });
    const byVendor = await getBlastRadius(h.db, { provider: { vendorId: cloud }, asOf: AS_OF });
    expect(byVendor.dependents[0]?.path).toEqual([
      { kind: "VENDOR", id: cloud },
      { kind: "FACILITY", id: site },
      { kind: "VENDOR", id: tenant },
    ]);
    expect(byVendor.providerCapacityMw).toBe(30);
    expect(byVendor.capacityShare).toBeCloseTo(30 / Number(total), 12);
    const bySite = await getBlastRadius(h.db, { provider: { facilityId: site }, asOf: AS_OF });
    expect(bySite.dependents.map((d) => [d.vendor.id, d.exposure])).toEqual([
      [tenant, 0.7],
      [other, 0.35],
    ]);
    expect(bySite.provider.kind).toBe("FACILITY");
  });

  it("refuses bad arguments naming them", async () => {
    const v = await vendor(h.db);
    for (const [q, argument] of [
      [{ provider: { vendorId: v }, asOf: AS_OF, maxDepth: 11 }, "maxDepth"],
      [{ provider: { vendorId: 987654 }, asOf: AS_OF }, "provider"],
      [{ provider: { vendorId: v }, asOf: "1900-01-01" }, "asOf"],
    ] as const) {
      const e = await getBlastRadius(h.db, q).then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(IndexInputError);
      expect((e as IndexInputError).argument).toBe(argument);
    }
  });

  it("terminates on random cyclic graphs and never lists the provider (property)", async () => {
    const nodes = await Promise.all(Array.from({ length: 6 }, () => vendor(h.db)));
    const graph = fc.uniqueArray(
      fc.record({
        from: fc.nat(5),
        to: fc.nat(5),
        weight: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
      }),
      { maxLength: 14, selector: (e) => `${e.from}-${e.to}` },
    );
    await fc.assert(
      fc.asyncProperty(graph, fc.nat(5), async (edges, root) => {
        await queryRows(
          h.db,
          sql`delete from dependencies where dependent_id in (${sql.join(
            nodes.map((n) => sql`${n}`),
            sql`, `,
          )})`,
        );
        for (const e of edges) {
          if (e.from === e.to) continue;
          await dependency(h.db, {
            dependentId: nodes[e.to] as number,
            providerVendorId: nodes[e.from] as number,
            weight: e.weight,
          });
        }
        const r = await getBlastRadius(h.db, {
          provider: { vendorId: nodes[root] as number },
          asOf: AS_OF,
          maxDepth: 10,
        });
        const ids = r.dependents.map((d) => d.vendor.id);
        expect(ids).not.toContain(nodes[root]);
        expect(new Set(ids).size).toBe(ids.length);
        // Reachability by a plain BFS over the same edges.
        const reach = new Set<number>();
        const queue = [root];
        while (queue.length) {
          const n = queue.shift() as number;
          for (const e of edges) {
            if (e.from === n && e.to !== root && e.from !== e.to && !reach.has(e.to)) {
              reach.add(e.to);
              queue.push(e.to);
            }
          }
        }
        expect(ids.sort()).toEqual([...reach].map((i) => nodes[i] as number).sort());
        for (const d of r.dependents) {
          expect(d.exposure).toBeGreaterThanOrEqual(0);
          expect(d.exposure).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 20 },
    );
  }, 300_000);
});
