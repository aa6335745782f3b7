import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { HEALTH_TIMEOUT_MS } from "../../src/http/health.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { type RunningServer, startServer } from "./support.ts";

describe(`GET /healthz (${testBackend()})`, () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let closed = false;

  beforeAll(async () => {
    handle = await testDatabase("empty");
    server = await startServer(handle);
  });
  afterAll(async () => {
    await server?.stop();
    if (!closed) await handle?.close();
  });

  it("is 200 with the backend while the database answers", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", backend: handle.backend });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("tells a busy database from a down one: a full pool is 200, a held PGlite connection is 503 busy", async () => {
    if (handle.backend === "postgres") {
      // (Drizzle queries start when awaited.) Every pooled connection runs a slow statement: the health check's own connection answers.
      const { max } = handle.poolUsage();
      const slow = Array.from({ length: max }, () =>
        handle.db.execute(sql`select pg_sleep(1.5)`).then(() => {}),
      );
      for (let i = 0; i < 20 && handle.poolUsage().active < max; i++)
        await new Promise((r) => setTimeout(r, 25));
      const res = await fetch(`${server.url}/healthz`);
      await Promise.all(slow);
      expect(res.status, "a full pool is not a fault").toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", pool: { active: max, max } });
      return;
    }
    // PGlite has one connection: a transaction holding it past HEALTH_TIMEOUT_MS makes the server busy.
    let release = () => {};
    const held = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await new Promise<void>((r) => {
        release = r;
      });
    });
    const started = Date.now();
    const res = await fetch(`${server.url}/healthz`);
    const ms = Date.now() - started;
    release();
    await held;
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unavailable", reason: "database busy" });
    expect(ms).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 50);
    expect(ms, "answers within its timeout").toBeLessThan(HEALTH_TIMEOUT_MS + 1_000);
    expect((await fetch(`${server.url}/healthz`)).status, "healthy again once released").toBe(200);
  });

  it("is 503 once the database is closed", async () => {
    await handle.close();
    closed = true;
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe("unavailable");
  });
});
