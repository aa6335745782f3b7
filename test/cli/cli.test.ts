import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableMigrations } from "../../src/cli/status.ts";
import { basicFixture } from "../seed/fixture.ts";
import { testBackend } from "../support/database.ts";
import { createPostgresTemplate, dropPostgresDatabase, withDatabase } from "../support/postgres-admin.ts";

// The hyperscope CLI as a user runs it: a subprocess, against a throw-away database (a temporary
// DATA_DIR for PGlite; a database created for this file when TEST_DATABASE_URL is set).

const root = new URL("../..", import.meta.url).pathname;
const slow = 180_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with only the given database variables set (none inherited from the test run). */
function cli(args: string[], env: Record<string, string>, entry = "src/cli/main.ts"): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) => v !== undefined && k !== "DATABASE_URL" && k !== "DATA_DIR",
    ),
  ) as Record<string, string>;
  const argv = entry.endsWith(".js") ? [entry, ...args] : ["--import", "tsx", entry, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: root, env: { ...base, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`hyperscope CLI (${testBackend()})`, () => {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const dbName = `hs_cli_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(join(tmpdir(), "hyperscope-cli-"));
  let env: Record<string, string>;
  let location: string;

  beforeAll(async () => {
    if (testBackend() === "postgres" && adminUrl) {
      await createPostgresTemplate(adminUrl, dbName, async () => {});
      const url = new URL(withDatabase(adminUrl, dbName));
      env = { DATABASE_URL: url.toString() };
      location = url.toString();
    } else {
      env = { DATA_DIR: join(dataDir, "db") };
      location = join(dataDir, "db");
    }
  });
  afterAll(async () => {
    if (testBackend() === "postgres" && adminUrl) await dropPostgresDatabase(adminUrl, dbName);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const status = async () => {
    const run = await cli(["status", "--json"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as {
      backend: string;
      location: string;
      migrationsApplied: number;
      migrationsAvailable: number;
      counts: Record<string, number>;
    };
  };

  it("migrate applies every committed migration", { timeout: slow }, async () => {
    const run = await cli(["migrate"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const s = await status();
    expect(s.migrationsApplied).toBe(availableMigrations());
    expect(s.backend).toBe(testBackend());
    expect(s.location).toBe(location);
  });

  it("seed twice: the same row counts, and the second run changes no row", { timeout: slow }, async () => {
    const first = await cli(["seed", "--dir", basicFixture], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const afterFirst = await status();
    expect(afterFirst.counts.vendors).toBeGreaterThan(0);
    const second = await cli(["seed", "--dir", basicFixture], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("(0 row(s) changed)");
    const afterSecond = await status();
    const { audit_log: auditFirst, ...first_ } = afterFirst.counts;
    const { audit_log: auditSecond, ...second_ } = afterSecond.counts;
    expect(second_).toEqual(first_);
    // Every row the first run wrote is audited; the second run changed nothing and audits nothing.
    expect(auditFirst).toBeGreaterThan(afterFirst.counts.vendors ?? 0);
    expect(auditSecond).toBe(auditFirst);
  });

  it("status prints backend, location, migrations and row counts", { timeout: slow }, async () => {
    const run = await cli(["status"], env);
    expect(run.code).toBe(0);
    const n = availableMigrations();
    expect(run.stdout).toContain(`backend: ${testBackend()}`);
    expect(run.stdout).toContain(`location: ${location}`);
    expect(run.stdout).toContain(`migrations: ${n} applied of ${n}`);
    expect(run.stdout).toMatch(/^ {2}vendors +[1-9]\d*$/m);
  });

  it("status --coverage prints, per index input, how many rows feed it", { timeout: slow }, async () => {
    const run = await cli(["status", "--coverage", "--as-of", "2025-12-31"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("coverage at 2025-12-31");
    expect(run.stdout).toMatch(/^ {2}CAPACITY_MW +facility IT or facility MW +\d+ of \d+ +(\d+%|-)$/m);
    expect(run.stdout).toMatch(/^ {2}blastRadius +dependency weights +\d+ of \d+/m);
    const json = await cli(["status", "--json", "--coverage", "--as-of", "2025-12-31"], env);
    const report = JSON.parse(json.stdout);
    expect(report.coverage.asOf).toBe("2025-12-31");
    expect(report.coverage.inputs.length).toBeGreaterThan(5);
    const bad = await cli(["status", "--coverage", "--as-of", "2025-13-40"], env);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain("--as-of");
  });

  it("a malformed DATABASE_URL: one line naming DATABASE_URL, exit 2", { timeout: slow }, async () => {
    const run = await cli(["status"], { DATABASE_URL: "mysql://root@localhost/db" });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("DATABASE_URL");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unreachable server: one line naming DATABASE_URL without its password, exit 2", {
    timeout: slow,
  }, async () => {
    const run = await cli(["migrate"], { DATABASE_URL: "postgres://admin:hunter2@127.0.0.1:1/hyperscope" });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("DATABASE_URL");
    expect(run.stderr).not.toContain("hunter2");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("bin/hyperscope.js prints help; an unknown command is a usage error", { timeout: slow }, async () => {
    const help = await cli(["--help"], env, "bin/hyperscope.js");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: hyperscope");
    const bad = await cli(["frobnicate"], env);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('unknown command "frobnicate"');
  });
});
