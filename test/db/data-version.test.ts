import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { readDataVersion } from "../../src/indices/cache.ts";
import { testBackend, testDatabase } from "../support/database.ts";

// data_version (the index cache's key) moves once per committed transaction that wrote a fact table,
// at commit: not per statement, not for a rolled-back transaction, and writers do not queue on it
// while their transactions are open.

const touchFacility = sql`update facilities set name = name where id = (select min(id) from facilities)`;
const touchVendor = sql`update vendors set name = name where id = (select min(id) from vendors)`;

describe(`data version (${testBackend()})`, () => {
  let h: DatabaseHandle;
  const version = () => readDataVersion(h.db);
  const pendingWriters = async () =>
    (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from data_version_writers`))[0]?.n;

  beforeAll(async () => {
    h = await testDatabase("seeded");
  });
  afterAll(() => h?.close());

  it("moves once per committed transaction, however many fact tables and statements it wrote", async () => {
    const before = await version();
    await h.db.transaction(async (tx) => {
      await tx.execute(touchFacility);
      await tx.execute(touchVendor);
      await tx.execute(touchFacility);
    });
    expect(await version()).toBe(before + 1);
    await h.db.execute(touchVendor);
    expect(await version()).toBe(before + 2);
    expect(await pendingWriters()).toBe(0);
  });

  it("does not move for a rolled-back transaction or a transaction that wrote no fact table", async () => {
    const before = await version();
    await expect(
      h.db.transaction(async (tx) => {
        await tx.execute(touchFacility);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`select count(*) from facilities`);
    });
    expect(await version()).toBe(before);
    expect(await pendingWriters()).toBe(0);
  });

  it.skipIf(testBackend() === "pglite")(
    "lets a writer commit while another writer's transaction is open, and moves at each commit (PostgreSQL only: PGlite has one connection, so its writers never overlap)",
    async () => {
      const before = await version();
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered = () => {};
      const inFirst = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const first = h.db.transaction(async (tx) => {
        await tx.execute(touchFacility);
        entered();
        await held;
      });
      await inFirst;
      const second = h.db.transaction(async (tx) => {
        await tx.execute(touchVendor);
      });
      const outcome = await Promise.race([
        second.then(() => "committed"),
        new Promise((resolve) => setTimeout(() => resolve("waiting on the open writer"), 5000)),
      ]);
      const seenWhileFirstOpen = await version();
      release();
      await Promise.all([first, second]);
      expect(outcome).toBe("committed");
      expect(seenWhileFirstOpen).toBe(before + 1);
      expect(await version()).toBe(before + 2);
    },
  );
});
