import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { DigestScheduler } from "../../src/digests/scheduler.ts";
import { createSubscription } from "../../src/subscriptions/queries.ts";
import { testBackend } from "../support/database.ts";
import { sharedDatabase, testDeliveryPolicy } from "./support.ts";

const T0 = new Date("2026-01-01T00:00:00Z");
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
/** PostgreSQL: three schedulers on three connection pools; PGlite (one connection): one scheduler. */
const INSTANCES = testBackend() === "postgres" ? 3 : 1;

describe(`digest scheduler, ${INSTANCES} instance(s) (${testBackend()})`, () => {
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  let db: DatabaseHandle["db"];
  let folder: string;
  let now = hours(0);
  const schedulers = (over: { catchUpSlots?: number; afterClaim?: (id: number) => void } = {}) =>
    shared.handles.map(
      (h) =>
        new DigestScheduler({
          db: h.db,
          clock: () => now,
          baseUrl: "http://hyperscope.test",
          delivery: testDeliveryPolicy(),
          graceMs: 0,
          ...over,
        }),
    );
  const slots = async () =>
    (
      await queryRows<{ slot: number; window_start: number }>(
        db,
        sql`select extract(epoch from slot)::float8 * 1000 as slot, extract(epoch from window_start)::float8 * 1000 as window_start
            from digests order by slot`,
      )
    ).map((r) => ({
      slot: new Date(Number(r.slot)).toISOString(),
      from: new Date(Number(r.window_start)).toISOString(),
    }));

  beforeAll(async () => {
    shared = await sharedDatabase("empty", INSTANCES);
    db = shared.handles[0]?.db as DatabaseHandle["db"];
    folder = mkdtempSync(join(tmpdir(), "digests-"));
    const sub = await createSubscription(
      db,
      {
        slug: "hourly",
        name: "Hourly watch",
        cron: "0 * * * *",
        timeZone: "UTC",
        signals: ["severe-cloud-outages"],
        formats: ["MARKDOWN", "JSON"],
        folder,
      },
      "test",
    );
    await db.execute(
      sql`update subscriptions set created_at = ${T0.toISOString()}::timestamptz where id = ${sub.id}`,
    );
  });
  afterAll(async () => {
    await shared?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it("instances racing over the same slots make exactly one digest per slot", async () => {
    now = hours(5.5);
    const racing = schedulers();
    const results = await Promise.all([...racing, ...racing].map((s) => s.tick()));
    expect(results.reduce((n, r) => n + r.errors, 0)).toBe(0);
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(5);
    const made = await slots();
    expect(made.map((m) => m.slot)).toEqual([1, 2, 3, 4, 5].map((h) => hours(h).toISOString()));
    // each window is (previous slot, slot]
    for (const m of made) expect(new Date(m.slot).getTime() - new Date(m.from).getTime()).toBe(3_600_000);
    // deliveries: one file per format per digest, each delivered once
    const [d] = await queryRows<{ n: number; delivered: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where status = 'DELIVERED')::int as delivered from digest_deliveries`,
    );
    expect(d).toEqual({ n: 10, delivered: 10 });
    // every delivery was attempted exactly once, by exactly one instance (SKIP LOCKED claims)
    const [a] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from digest_delivery_attempts`,
    );
    expect(a?.n).toBe(10);
    expect(readdirSync(folder).filter((f) => !f.startsWith(".")).length).toBe(10);
  });

  it("a restart after a gap catches up the missed slots, at most catchUpSlots of them", async () => {
    now = hours(8.2);
    const results = await Promise.all(schedulers().map((s) => s.tick()));
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(3);
    now = hours(20);
    await Promise.all(schedulers({ catchUpSlots: 4 }).map((s) => s.tick()));
    const made = (await slots()).map((m) => m.slot);
    // 9..16 were missed for longer than the catch-up bound: only the last 4 (17..20) are made
    expect(made).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 17, 18, 19, 20].map((h) => hours(h).toISOString()));
  });

  it("a crash mid-run leaves neither a second nor a lost digest for that slot", async () => {
    now = hours(21);
    let crashes = 0;
    const crashing = schedulers({
      afterClaim: () => {
        crashes++;
        throw new Error("simulated crash after the claim");
      },
    });
    const crashed = await Promise.all(crashing.map((s) => s.tick()));
    expect(crashes).toBeGreaterThan(0);
    expect(crashed.reduce((n, r) => n + r.created, 0)).toBe(0);
    expect((await slots()).map((m) => m.slot)).not.toContain(hours(21).toISOString());
    const after = await Promise.all(schedulers().map((s) => s.tick()));
    expect(after.reduce((n, r) => n + r.created, 0)).toBe(1);
    const made = (await slots()).map((m) => m.slot);
    expect(made.filter((s) => s === hours(21).toISOString())).toHaveLength(1);
  });

  it("stop() waits for the tick in progress and then no more ticks run", async () => {
    now = hours(22);
    const [s] = schedulers();
    s?.start();
    await s?.stop();
    const made = (await slots()).map((m) => m.slot);
    const count = made.length;
    await new Promise((r) => setTimeout(r, 50));
    expect((await slots()).length).toBe(count);
  });
});
