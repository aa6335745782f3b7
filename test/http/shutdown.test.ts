import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { testBackend } from "../support/database.ts";
import { clonePostgresTemplate, dropPostgresDatabase } from "../support/postgres-admin.ts";
import { alive, type ServerProcess, spawnMain, spawnServer } from "./process.ts";

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

interface LoadRequest {
  /** Sent as x-request-id, so the server's log line for it can be found. */
  id: string;
  client: number;
  slow: boolean;
  startedAt: number;
  endedAt?: number;
  status?: number;
  data?: boolean;
  error?: string;
}

/**
 * A keep-alive client that first gets GET /healthz answered (so its connection is surely accepted),
 * then sends a slow request (its body trickles in over `trickleMs`), reads the answer, and then
 * neither sends nor closes: its end of the connection stays open (half-open allowed), as a stuck
 * or lazy client's does. `sending` resolves when the slow request has started; `answered` with its
 * status line.
 */
function lingeringClient(base: string, query: string, trickleMs: number) {
  const { hostname, port } = new URL(base);
  const socket = connect({ host: hostname, port: Number(port), allowHalfOpen: true });
  socket.on("error", () => {});
  const body = JSON.stringify({ query });
  const head = (first: string, extra = "") =>
    `${first}\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n${extra}\r\n`;
  let text = "";
  let slowSent = false;
  let onSending: () => void = () => {};
  const sending = new Promise<void>((resolve) => {
    onSending = resolve;
  });
  const answered = new Promise<string>((resolve) => {
    socket.on("data", (d) => {
      text += d;
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, split))?.[1] ?? 0);
      if (text.length < split + 4 + length) return; // body not complete yet
      if (slowSent) return resolve(text.split("\r\n")[0] ?? "");
      text = "";
      slowSent = true;
      socket.write(
        head(
          "POST /graphql HTTP/1.1",
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`,
        ) + body.slice(0, 10),
      );
      setTimeout(() => socket.write(body.slice(10)), trickleMs);
      onSending();
    });
    socket.on("close", () =>
      resolve(`closed before an answer (${slowSent ? "slow request sent" : "at /healthz"})`),
    );
  });
  socket.write(head("GET /healthz HTTP/1.1"));
  return { socket, sending, answered };
}

/**
 * `clients` keep-alive connections each sending GraphQL queries in a loop (the first `slow` of
 * them trickle each body over 1.5 s, so they are in flight at any moment); `signal()` is called
 * after 1.5 s of load. Each client stops at its first connection error, or 3 s after the signal.
 */
async function underLoad(
  base: string,
  clients: number,
  slow: number,
  signal: () => void,
  beforeSignal: () => Promise<unknown> = async () => {},
) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const query = JSON.stringify({ query: "{ vendors(first: 3) { edges { node { name } } } }" });
  const all: LoadRequest[] = [];
  let signalAt = Number.POSITIVE_INFINITY;
  const send = (client: number, isSlow: boolean) =>
    new Promise<LoadRequest>((resolve) => {
      const r: LoadRequest = {
        id: `load-${client}-${all.length}`,
        client,
        slow: isSlow,
        startedAt: Date.now(),
      };
      all.push(r);
      const done = () => {
        r.endedAt = Date.now();
        resolve(r);
      };
      const req = request(`${base}/graphql`, {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(query),
          "x-request-id": r.id,
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => {
          r.status = res.statusCode;
          try {
            r.data = JSON.parse(body).data?.vendors?.edges?.length === 3;
          } catch {
            r.data = false;
          }
          done();
        });
      });
      req.on("error", (error) => {
        r.error = (error as NodeJS.ErrnoException).code ?? error.message;
        done();
      });
      if (!isSlow) return void req.end(query);
      req.write(query.slice(0, 10));
      setTimeout(() => req.end(query.slice(10)), 1_500);
    });
  const loop = async (client: number) => {
    const isSlow = client < slow;
    for (;;) {
      const r = await send(client, isSlow);
      if (r.error || Date.now() > signalAt + 3_000) return;
    }
  };
  const loops = Array.from({ length: clients }, (_, i) => loop(i));
  await new Promise((r) => setTimeout(r, 750));
  await beforeSignal();
  await new Promise((r) => setTimeout(r, 750));
  signalAt = Date.now();
  signal();
  await Promise.all(loops);
  agent.destroy();
  const inFlightAt = (t: number) => all.filter((r) => r.startedAt < t && (r.endedAt ?? Infinity) > t);
  const slowInFlight = inFlightAt(signalAt).filter((r) => r.slow);
  const summary = {
    requests: all.length,
    okBefore: all.filter((r) => r.status === 200 && (r.endedAt ?? 0) <= signalAt).length,
    okAfter: all.filter((r) => r.status === 200 && (r.endedAt ?? 0) > signalAt).length,
    inFlightAtSignal: inFlightAt(signalAt).length,
    errors: [...new Set(all.filter((r) => r.error).map((r) => r.error))],
  };
  return { all, signalAt, slowInFlight, summary };
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
    const server = spawnMain(env);
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

  // Started as `npm start` is (node directly), and by `npm start` itself with the signal sent to its
  // process group, as an orchestrator does.
  it.each([
    { form: "node --import tsx src/main.ts", npm: false },
    { form: "npm start (process-group SIGTERM)", npm: true },
  ])(
    "SIGTERM under live load (30 keep-alive clients, some slow, some never closing), $form: in-flight requests finish, scheduler and pool close, exit 0 within SHUTDOWN_TIMEOUT_MS",
    async ({ npm }) => {
      const drainMs = 6_000;
      const serverEnv = { ...env, SHUTDOWN_TIMEOUT_MS: String(drainMs) };
      const server = npm
        ? spawnServer("npm", ["start", "--silent"], serverEnv, { detached: true })
        : spawnMain(serverEnv);
      running.push(server);
      const base = await server.ready(120_000);
      const nodePid = Number((await server.logged("listening", 10_000)).pid);
      const query = "{ vendors(first: 3) { edges { node { name } } } }";
      // Three clients in flight at the signal that will not close their end after their answer.
      let lingering: ReturnType<typeof lingeringClient>[] = [];
      const outcome = await underLoad(
        base,
        30,
        6,
        () => {
          if (npm) process.kill(-(server.child.pid as number), "SIGTERM");
          else server.child.kill("SIGTERM");
        },
        () => {
          lingering = [1, 2, 3].map(() => lingeringClient(base, query, 1_500));
          return Promise.all(lingering.map((l) => l.sending));
        },
      );
      const code = await server.exited;
      const exitMs = Date.now() - outcome.signalAt;
      process.stdout.write(
        `[shutdown.test] under load: exit ${code} ${exitMs} ms after SIGTERM; ${JSON.stringify(outcome.summary)}\n`,
      );
      expect(code, server.describe(10)).toBe(0);
      expect(exitMs, "exits within the drain deadline").toBeLessThan(drainMs);
      // The load really ran, and slow requests were in flight when the signal came.
      expect(outcome.summary.okBefore).toBeGreaterThan(10);
      expect(outcome.slowInFlight.length).toBeGreaterThanOrEqual(6);
      // Every request in flight at the signal completed with its data.
      for (const r of outcome.slowInFlight)
        expect(r, JSON.stringify(r)).toMatchObject({ status: 200, data: true });
      // Nothing answered 5xx. A request failed at the connection only if the server never received it
      // (e.g. its connection was still in the listen backlog when listening stopped): no log line.
      const logged = new Map(server.logLines().map((l) => [l.requestId, l]));
      for (const r of outcome.all) {
        if (r.status !== undefined) expect(r.status, JSON.stringify(r)).toBe(200);
        else expect(logged.get(r.id), `received, then dropped: ${JSON.stringify(r)}`).toBeUndefined();
      }
      const msgs = server.logLines().map((l) => l.msg);
      expect(msgs.filter((m) => String(m).startsWith("shutting down"))).toHaveLength(1);
      expect(msgs).toContain("stopped");
      // The scheduler stopped and the pool closed, in that order.
      const closed = server
        .logLines()
        .filter((l) => l.msg === "closed")
        .map((l) => l.closer);
      expect(closed).toEqual(["digest scheduler", "database"]);
      expect(await Promise.all(lingering.map((l) => l.answered))).toEqual(Array(3).fill("HTTP/1.1 200 OK"));
      for (const l of lingering) l.socket.destroy();
      expect(alive(nodePid), "no orphaned server").toBe(false);
    },
    180_000,
  );

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
