import { type SQL, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { sharesOf, summaryOf } from "../../src/indices/concentration/statistics.ts";
import { testBackend, testDatabase } from "../support/database.ts";

/** Runs the production share/HHI SQL over literal (key, value) rows. */
async function summarise(h: DatabaseHandle, values: number[], floor: 0 | 1, keys?: string[]) {
  const rows: SQL = sql.join(
    values.map((v, i) => sql`(${keys?.[i] ?? `k${i}`}::text, ${v}::float8)`),
    sql`, `,
  );
  const valued = sql`select * from (values ${rows}) t(entity_key, value)`;
  const [row] = await queryRows<{ hhi: number; cr_n: number; firms: number; share_sum: number }>(
    h.db,
    summaryOf(sharesOf(valued, floor), 4),
  );
  return {
    hhi: Number(row?.hhi),
    crN: Number(row?.cr_n),
    firms: Number(row?.firms),
    shareSum: Number(row?.share_sum),
  };
}

describe(`concentration statistics properties (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  const positive = fc.array(fc.double({ min: 0.001, max: 1e6, noNaN: true }), {
    minLength: 1,
    maxLength: 12,
  });

  it("keeps HHI within [10,000/n, 10,000] and CR4 within (0, 1] for measured values", async () => {
    await fc.assert(
      fc.asyncProperty(positive, async (values) => {
        const s = await summarise(h, values, 0);
        expect(s.firms).toBe(values.length);
        expect(s.hhi).toBeGreaterThanOrEqual(10000 / values.length - 1e-6);
        expect(s.hhi).toBeLessThanOrEqual(10000 + 1e-6);
        expect(s.crN).toBeGreaterThan(0);
        expect(s.crN).toBeLessThanOrEqual(1 + 1e-12);
        expect(s.shareSum).toBeCloseTo(1, 9);
      }),
      { numRuns: 30 },
    );
  });

  it("does not underflow on vanishing shares", async () => {
    const s = await summarise(h, [1, 1e-250], 0);
    expect(s.hhi).toBeCloseTo(10000, 9);
    expect(s.firms).toBe(2);
  });

  it("does not depend on the order of the rows", async () => {
    await fc.assert(
      fc.asyncProperty(
        positive.chain((values) =>
          fc.tuple(
            fc.constant(values),
            fc.shuffledSubarray(
              values.map((_, i) => i),
              { minLength: values.length },
            ),
          ),
        ),
        async ([values, order]) => {
          const keys = values.map((_, i) => `k${i}`);
          const a = await summarise(h, values, 0, keys);
          const b = await summarise(
            h,
            order.map((i) => values[i] as number),
            0,
            order.map((i) => keys[i] as string),
          );
          expect(b.hhi).toBeCloseTo(a.hhi, 6);
          expect(b.crN).toBeCloseTo(a.crN, 12);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("takes reported shares as given, so they sum to 1 − unattributed", async () => {
    const reported = fc
      .tuple(
        fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
      )
      .map(([xs, room]) => {
        const total = xs.reduce((a, b) => a + b, 0);
        return total > 1 ? xs.map((x) => (x / total) * room) : xs;
      });
    await fc.assert(
      fc.asyncProperty(reported, async (shares) => {
        const s = await summarise(h, shares, 1);
        const given = shares.reduce((a, b) => a + b, 0);
        const expectedHhi = shares.reduce((a, x) => a + (100 * x) ** 2, 0);
        expect(s.shareSum).toBeCloseTo(given, 9);
        expect(s.hhi).toBeCloseTo(expectedHhi, 6);
        expect(s.hhi).toBeLessThanOrEqual(10000 + 1e-6);
      }),
      { numRuns: 25 },
    );
  });
});
