import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { testBackend } from "../support/database.ts";
import { clonePostgresTemplate, dropPostgresDatabase } from "../support/postgres-admin.ts";

// `npm start` as a real process: configuration errors, first start (migrate + curated seed),
// serving, and a graceful stop on SIGTERM. It runs what `npm start` runs: the server built by its
// prestart (bin/build-server.js) into dist/server.js, with plain node; the paths its modules resolve
// from their own files (migrations, seeds, SDL, GraphiQL assets) must still be found.
let built = false;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runMain(env: Record<string, string>): Run {
  if (!built)
    execFileSync(process.execPath, ["bin/build-server.js"], { cwd: process.cwd(), stdio: "inherit" });
  built = true;
  const child = spawn(process.execPath, ["dist/server.js"], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function until<T>(probe: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("npm start: configuration errors", () => {
  it("stops with exit 2 and one line naming a bad variable", async () => {
    const run = runMain({ PORT: "not-a-port" });
    expect(await run.exited).toBe(2);
    const lines = run.stderr().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("PORT");
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe(`npm start: first start, serve, stop (${testBackend()})`, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("migrates, loads the curated seed into an empty database, serves, and stops on SIGTERM", async () => {
    const env: Record<string, string> = { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", NODE_ENV: "test" };
    if (testBackend() === "postgres") {
      const url = process.env.TEST_DATABASE_URL as string;
      const name = `${inject("runId")}_main_${randomBytes(4).toString("hex")}`;
      env.DATABASE_URL = await clonePostgresTemplate(url, inject("postgresTemplates").empty, name);
      cleanups.push(() => dropPostgresDatabase(url, name));
    } else {
      const dir = mkdtempSync(join(tmpdir(), "hyperscope-main-"));
      env.DATA_DIR = join(dir, "data");
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    }
    const run = runMain(env);
    cleanups.push(() => void run.child.kill("SIGKILL"));

    const port = await until(
      () => run.stdout().match(/GraphiQL: http:\/\/localhost:(\d+)\/graphiql/)?.[1],
      110_000,
    );
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toMatchObject({
      status: "ok",
      backend: testBackend() === "postgres" ? "postgres" : "pglite",
    });
    expect(run.stdout()).toContain("curated seed loaded");
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ vendors(first: 1) { totalCount } }" }),
    });
    const body = await res.json();
    expect(body.data.vendors.totalCount).toBeGreaterThan(0);
    expect((await fetch(`${base}/graphiql`)).status).toBe(200);
    const script = await fetch(`${base}/graphiql/assets/hyperscope-graphiql.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(0);

    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.stdout()).toMatch(/"msg":"stopped"/);
  }, 150_000);
});
