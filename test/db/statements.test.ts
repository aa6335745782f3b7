import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { testBackend, testDatabase } from "../support/database.ts";

/** onStatement: what request scopes, tests and benchmarks count statements by. */
describe(`statement reporting (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  it("reports every statement once, inside transactions and savepoints too, and stops when unsubscribed", async () => {
    const sent: string[] = [];
    const stop = h.onStatement((text) => sent.push(text));
    await h.db.execute(sql`select 'marker-outside'`);
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`select 'marker-transaction'`);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`select 'marker-savepoint'`);
      });
    });
    stop();
    await h.db.execute(sql`select 'marker-after'`);
    const markers = sent.flatMap((s) => s.match(/marker-[a-z]+/g) ?? []);
    expect(markers).toEqual(["marker-outside", "marker-transaction", "marker-savepoint"]);
  });
});
