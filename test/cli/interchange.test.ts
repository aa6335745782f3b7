import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badDocument } from "../interchange/fixtures.ts";
import { filesOf } from "../interchange/support.ts";
import { basicFixture } from "../seed/fixture.ts";
import { testBackend } from "../support/database.ts";
import { createPostgresTemplate, dropPostgresDatabase, withDatabase } from "../support/postgres-admin.ts";

// `hyperscope export` and `hyperscope import` as a user runs them: subprocesses against two
// throw-away databases (temporary DATA_DIRs, or databases created for this file on PostgreSQL).

const root = new URL("../..", import.meta.url).pathname;
const slow = 240_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k, v]) => v !== undefined && k !== "DATABASE_URL" && k !== "DATA_DIR",
    ),
  ) as Record<string, string>;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: root,
      env: { ...base, ...env },
    });
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

describe(`hyperscope export/import CLI (${testBackend()})`, () => {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const stamp = `${process.pid}_${Date.now().toString(36)}`;
  const names = [`hs_cli_x_${stamp}_a`, `hs_cli_x_${stamp}_b`];
  const dir = mkdtempSync(join(tmpdir(), "hyperscope-cli-interchange-"));
  let source: Record<string, string>;
  let target: Record<string, string>;

  beforeAll(async () => {
    if (testBackend() === "postgres" && adminUrl) {
      const envs: Record<string, string>[] = [];
      for (const name of names) {
        await createPostgresTemplate(adminUrl, name, async () => {});
        envs.push({ DATABASE_URL: withDatabase(adminUrl, name) });
      }
      source = envs[0] ?? {};
      target = envs[1] ?? {};
    } else {
      source = { DATA_DIR: join(dir, "a") };
      target = { DATA_DIR: join(dir, "b") };
    }
    const seeded = await cli(["seed", "--dir", basicFixture], source);
    expect(seeded.stderr).toBe("");
    expect(seeded.code).toBe(0);
  }, slow);
  afterAll(async () => {
    if (testBackend() === "postgres" && adminUrl) {
      for (const name of names) await dropPostgresDatabase(adminUrl, name);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("export each format, import it into an empty database (dry run first), export again: same bytes", {
    timeout: slow,
  }, async () => {
    for (const [format, out] of [
      ["json", "a.json"],
      ["csv", "a-csv"],
      ["yaml", "a-yaml"],
    ] as const) {
      const first = join(dir, out);
      const run = await cli(["export", "--format", format, "--out", first], source);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`exported ${format} to .*\\n  sources +\\d+`));

      const dry = await cli(["import", first, "--dry-run"], target);
      expect(dry.stderr).toBe("");
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain("dry run (nothing was written)");
      const imported = await cli(["import", first], target);
      expect(imported.code).toBe(0);
      // The dry run told exactly what the import then did.
      expect(imported.stdout).toBe(dry.stdout.replace("dry run (nothing was written): ", ""));

      const second = join(dir, `b-${out}`);
      expect((await cli(["export", "--format", format, "--out", second], target)).code).toBe(0);
      expect(filesOf(second)).toEqual(filesOf(first));

      const again = await cli(["import", first, "--dry-run"], target);
      for (const line of again.stdout.trim().split("\n").slice(2)) {
        expect(line, line).toMatch(/^\s+\w+\s+0\s+0\s+\d+$/);
      }
    }
  });

  it("a bad import exits 1, lists every problem and writes nothing", { timeout: slow }, async () => {
    const before = await cli(["status", "--json"], target);
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify(badDocument, null, 2));
    const run = await cli(["import", path], target);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("hyperscope: import refused, nothing was written:");
    expect(run.stderr).toMatch(/bad\.json#vendors: record 2 \(acme\): field "slug": duplicate of record 1/);
    expect(run.stderr).toMatch(/bad\.json#facilities: record 1 \(campus\): field "operator": unknown vendor/);
    expect(run.stderr).toMatch(/bad\.json#chips: record 1 \(x1\): field "tdpW": must be a number/);
    expect(run.stderr).toMatch(/bad\.json#outages: record 1 \(blackout\): field "endedAt"/);
    expect(run.stderr).toMatch(/bad\.json#models: record 1 \(m1\): field "sources"/);
    expect((await cli(["status", "--json"], target)).stdout).toBe(before.stdout);
  });

  it("usage errors: missing PATH, unknown format, options of the other command", {
    timeout: slow,
  }, async () => {
    const noPath = await cli(["import"], target);
    expect(noPath.code).toBe(64);
    expect(noPath.stderr).toContain("import needs a PATH");
    const badFormat = await cli(["export", "--format", "xml", "--out", join(dir, "x")], target);
    expect(badFormat.code).toBe(64);
    expect(badFormat.stderr).toContain("--format must be one of json, csv, yaml");
    expect((await cli(["export", "--format", "json"], target)).stderr).toContain("--out PATH is required");
    expect((await cli(["import", join(dir, "a.json"), "--format", "json"], target)).code).toBe(64);
    expect((await cli(["seed", "--dry-run"], target)).code).toBe(64);
    const missing = await cli(["import", join(dir, "nope.json")], target);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("does not exist");
    expect(readFileSync(join(dir, "a.json"), "utf8")).toContain('"format": "hyperscope-interchange/1"');
  });
});
