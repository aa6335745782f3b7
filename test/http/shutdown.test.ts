import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testBackend } from "../support/database.ts";
import { clonePostgresTemplate, dropPostgresDatabase } from "../support/postgres-admin.ts";
import { alive, type ServerProcess, spawnServer } from "./process.ts";

// Graceful shutdown of the real server process: one signal drains (in-flight requests complete),
// the process exits 0, and no server is left behind, whether node or `npm start` gets the signal.

/**
 * A request that is slow on the client's side (its body trickles in), so it is in flight when the
 * signal arrives on either backend (PGlite runs statements without yielding to the event loop).
 */
function slowRequest(base: string, query: string, pauseMs: number, midway: () => void) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const payload = JSON.stringify({ query });
    const req = request(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
    });
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.write(payload.slice(0, 10));
    setTimeout(midway, pauseMs / 2);
    setTimeout(() => req.end(payload.slice(10)), pauseMs);
  });
}

describe(`graceful shutdown (${testBackend()})`, () => {
  const env: Record<string, string> = { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", NODE_ENV: "test" };
  const cleanups: (() => Promise<void> | void)[] = [];
  const running: ServerProcess[] = [];

  beforeAll(async () => {
    if (testBackend() === "postgres") {
      const url = process.env.TEST_DATABASE_URL as string;
      const name = `${inject("runId")}_stop_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await clonePostgresTemplate(url, inject("postgresTemplates").seeded, name);
      cleanups.push(() => dropPostgresDatabase(url, name));
    } else {
      const dir = mkdtempSync(join(tmpdir(), "hyperscope-stop-"));
      env.DATA_DIR = join(dir, "data");
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    }
  });
  afterAll(async () => {
    for (const p of running) if (p.child.pid && alive(p.child.pid)) p.child.kill("SIGKILL");
    for (const c of cleanups.reverse()) await c();
  });

  it("SIGTERM during a slow request: the request completes, then the process exits 0", async () => {
    const server = spawnServer(process.execPath, ["--import", "tsx", "src/main.ts"], env);
    running.push(server);
    const base = await server.ready(120_000);
    const res = await slowRequest(base, "{ vendors(first: 3) { edges { node { name } } } }", 1_000, () =>
      server.child.kill("SIGTERM"),
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).data.vendors.edges).toHaveLength(3);
    expect(await server.exited).toBe(0);
    const lines = server.logLines();
    const drainAt = lines.findIndex((l) => String(l.msg).startsWith("shutting down"));
    const requestAt = lines.findIndex((l) => l.msg === "request" && l.path === "/graphql");
    expect(drainAt, "the signal arrived while the request ran").toBeGreaterThanOrEqual(0);
    expect(requestAt, JSON.stringify(lines.slice(-6))).toBeGreaterThan(drainAt);
    expect(lines.some((l) => l.msg === "stopped")).toBe(true);
  }, 180_000);

  it("a process-group SIGTERM to `npm start` drains once and exits 0, leaving no server", async () => {
    const server = spawnServer("npm", ["start", "--silent"], env, { detached: true });
    running.push(server);
    await server.ready(120_000);
    const nodePid = Number((await server.logged("listening", 10_000)).pid);
    expect(nodePid).toBeGreaterThan(0);
    process.kill(-(server.child.pid as number), "SIGTERM"); // the whole group: npm and node
    expect(await server.exited).toBe(0);
    const drains = server.logLines().filter((l) => String(l.msg).startsWith("shutting down"));
    expect(drains).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(nodePid), "no orphaned server").toBe(false);
  }, 180_000);

  it("SIGTERM to npm alone stops the server too", async () => {
    const server = spawnServer("npm", ["start", "--silent"], env, { detached: true });
    running.push(server);
    await server.ready(120_000);
    const nodePid = Number((await server.logged("listening", 10_000)).pid);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(alive(nodePid), "no orphaned server").toBe(false);
  }, 180_000);
});
