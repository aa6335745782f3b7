import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
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

  it("is 503 once the database is closed", async () => {
    await handle.close();
    closed = true;
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe("unavailable");
  });
});
