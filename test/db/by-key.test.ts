import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vendors } from "../../schema/db/index.ts";
import { rowsByKeys } from "../../src/db/by-key.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { intArray, textArray } from "../../src/db/filters.ts";
import { queryRows } from "../../src/db/rows.ts";
import { getVendorsByIds, getVendorsBySlugs } from "../../src/vendors/queries.ts";
import { testBackend, testDatabase } from "../support/database.ts";

/** Rows by key through one prepared statement per (table, key column), keys as one array parameter. */
describe(`rows by key (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("seeded");
  });
  afterAll(() => h.close());

  it("text[] literals reach PostgreSQL as the exact strings, whatever they contain", async () => {
    const strings = ['a"b', "back\\slash", "comma,brace{}", " spaced ", "NULL", "", "ünïcødé ✓", '\\"'];
    const rows = await queryRows<{ s: string }>(h.db, sql`select unnest(${textArray(strings)}::text[]) as s`);
    expect(rows.map((r) => r.s)).toEqual(strings);
  });

  it("int[] literals refuse anything but safe integers", () => {
    expect(intArray([1, 22, 333])).toBe("{1,22,333}");
    expect(() => intArray([1.5])).toThrow(/not an integer id/);
    expect(() => intArray([Number.NaN])).toThrow(/not an integer id/);
  });

  it("answers the rows the keys name, whole, and nothing for unknown keys, batch after batch", async () => {
    const all = await h.db.select().from(vendors).orderBy(vendors.id);
    expect(all.length).toBeGreaterThan(3);
    const [a, b, c] = all as [(typeof all)[0], (typeof all)[0], (typeof all)[0]];
    // Different batch sizes reuse the same statement (its text does not depend on the count).
    const sent: string[] = [];
    const stop = h.onStatement((text) => sent.push(text));
    const byIds = await getVendorsByIds(h.db, [c.id, a.id, -1]);
    const bySlugs = await getVendorsBySlugs(h.db, [b.slug, 'no"such\\slug', a.slug]);
    const one = await getVendorsByIds(h.db, [b.id]);
    stop();
    const byId = (rows: typeof all) => [...rows].sort((x, y) => x.id - y.id);
    expect(byId(byIds)).toEqual(byId([a, c]));
    expect(byId(bySlugs)).toEqual(byId([a, b]));
    expect(one).toEqual([b]);
    expect(await rowsByKeys(h.db, vendors, vendors.slug, "text", [])).toEqual([]);
    expect(new Set(sent.filter((s) => s.includes('"id" = any(')))).toHaveProperty("size", 1);
  });

  it("keeps answering after a migration changes a selected column's type under the prepared statement", async () => {
    const [first] = await h.db.select().from(vendors).orderBy(vendors.id).limit(1);
    const id = first?.id as number;
    for (let i = 0; i < 3; i++) expect(await getVendorsByIds(h.db, [id])).toEqual([first]);
    // PostgreSQL: "cached plan must not change result type"; postgres.js re-prepares and retries.
    await h.db.execute(sql`alter table vendors alter column hq_country type varchar(2)`);
    try {
      for (let i = 0; i < 3; i++) expect(await getVendorsByIds(h.db, [id])).toEqual([first]);
    } finally {
      await h.db.execute(sql`alter table vendors alter column hq_country type text`);
    }
    expect(await getVendorsByIds(h.db, [id])).toEqual([first]);
  });
});
