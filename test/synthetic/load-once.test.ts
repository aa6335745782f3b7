import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { SyntheticDataExistsError, seedSynthetic } from "../../src/synthetic/index.ts";
import { ID_TABLES } from "../../src/synthetic/world.ts";
import { type CatalogEntry, catalogSnapshot } from "../db/catalog.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { tableCounts } from "./hashes.ts";

const maxIds = async (h: DatabaseHandle) => {
  const [row] = await queryRows<Record<string, number>>(
    h.db,
    sql.raw(
      `select ${ID_TABLES.map((t) => `(select coalesce(max(id), 0) from ${t})::int as ${t}`).join(", ")}`,
    ),
  );
  return row as Record<string, number>;
};

describe(`synthetic load on top of the curated seed (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let before: Record<string, number>;
  let curatedVendors: string[];
  let catalogBefore: CatalogEntry[];

  beforeAll(async () => {
    h = await testDatabase("seeded");
    before = await maxIds(h);
    curatedVendors = (await queryRows<{ slug: string }>(h.db, sql`select slug from vendors order by id`)).map(
      (r) => r.slug,
    );
    catalogBefore = await catalogSnapshot(h.db);
    await seedSynthetic(h, { scale: 0.001, seed: 11 });
  });
  afterAll(() => h.close());

  it("re-creates every constraint and index it dropped for the load, identically and validated", async () => {
    const after = await catalogSnapshot(h.db);
    expect(after).toEqual(catalogBefore);
    expect(after.filter((e) => e.definition.startsWith("FOREIGN KEY")).length).toBeGreaterThan(30);
  });

  it("leaves the curated rows alone and gives synthetic rows ids above them", async () => {
    const after = await queryRows<{ slug: string }>(
      h.db,
      sql`select slug from vendors where id <= ${before.vendors ?? 0} order by id`,
    );
    expect(after.map((r) => r.slug)).toEqual(curatedVendors);
    const [{ curatedSyn } = { curatedSyn: -1 }] = await queryRows<{ curatedSyn: number }>(
      h.db,
      sql`select count(*)::int as "curatedSyn" from vendors where id <= ${before.vendors ?? 0} and slug like 'syn-%'`,
    );
    expect(curatedSyn).toBe(0);
  });

  it("moves every identity sequence past the loaded ids, so ordinary inserts keep working", async () => {
    const loadedMax = await maxIds(h);
    const [vendor] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into vendors (slug, name, kind, confidence) values ('after-synthetic', 'After', 'OTHER', 'CONFIRMED') returning id`,
    );
    expect(vendor?.id).toBeGreaterThan(loadedMax.vendors ?? 0);
    const [impact] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into outage_impacts (outage_id, region) select min(id), 'test-1' from outages returning id`,
    );
    expect(impact?.id).toBeGreaterThan(loadedMax.outage_impacts ?? 0);
  });

  it("refuses a second load (any seed) clearly and changes nothing", async () => {
    const counts = await tableCounts(h.db);
    const sources = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from sources`);
    await expect(seedSynthetic(h, { scale: 0.001, seed: 12 })).rejects.toThrow(SyntheticDataExistsError);
    await expect(seedSynthetic(h, { scale: 0.001, seed: 11 })).rejects.toThrow(
      /already holds synthetic data/,
    );
    expect(await tableCounts(h.db)).toEqual(counts);
    expect(await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from sources`)).toEqual(
      sources,
    );
  });

  it("rejects a scale that is not a positive number before touching the database", {
    timeout: 120_000,
  }, async () => {
    const empty = await testDatabase("empty");
    try {
      for (const scale of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(seedSynthetic(empty, { scale })).rejects.toThrow(RangeError);
      }
      const counts = await tableCounts(empty.db);
      expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    } finally {
      await empty.close();
    }
  });
});
