import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runCli } from "../../src/cli/run.ts";
import { testBackend } from "../support/database.ts";
import { clonePostgresTemplate, dropPostgresDatabase } from "../support/postgres-admin.ts";

// The first command migrates a fresh PGlite data folder, which takes a while on a busy machine.
describe(`hyperscope signals / subscriptions / digest commands (${testBackend()})`, {
  timeout: 180_000,
}, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hyperscope-digest-cli-"));
  const folder = mkdtempSync(join(tmpdir(), "hyperscope-digest-out-"));
  const name = `${inject("runId")}_t_${randomBytes(4).toString("hex")}`;
  let env: Record<string, string>;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => void out.push(t), err: (t) => void err.push(t) }, env);
    return { code, out: out.join(""), err: err.join("") };
  };

  beforeAll(async () => {
    const url = process.env.TEST_DATABASE_URL;
    env = url
      ? { DATABASE_URL: await clonePostgresTemplate(url, inject("postgresTemplates").empty, name) }
      : { DATA_DIR: dataDir };
  });
  afterAll(async () => {
    if (process.env.TEST_DATABASE_URL) await dropPostgresDatabase(process.env.TEST_DATABASE_URL, name);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  });

  it("lists the built-in signals", async () => {
    const r = await run("signals", "list");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/severe-cloud-outages\tOUTAGE\tyes\tyes/);
    expect(r.out.trim().split("\n")).toHaveLength(7);
  });

  it("refuses a bad cron naming the field, then creates a subscription and runs a slot exactly once", async () => {
    const bad = await run(
      "subscriptions",
      "create",
      "--slug",
      "w",
      "--cron",
      "99 * * * *",
      "--signals",
      "severe-cloud-outages",
      "--folder",
      folder,
    );
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/cron/);
    const created = await run(
      "subscriptions",
      "create",
      "--slug",
      "weekly",
      "--cron",
      "0 9 * * 1",
      "--tz",
      "Europe/Berlin",
      "--signals",
      "severe-cloud-outages,ai-datacenter-power-carbon-rules",
      "--formats",
      "markdown,json",
      "--folder",
      folder,
    );
    expect(created.code, created.err).toBe(0);
    const notSlot = await run("digest", "run", "--subscription", "weekly", "--at", "2026-11-30T09:00:00Z");
    expect(notSlot.code).toBe(1);
    expect(notSlot.err).toMatch(/not a slot/);
    const first = await run(
      "digest",
      "run",
      "--subscription",
      "weekly",
      "--at",
      "2026-11-30T08:00:00Z",
      "--deliver",
    );
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/^made digest \d+/);
    expect(first.out).toMatch(/2 delivered/);
    const files = readdirSync(folder).sort();
    expect(files).toEqual(["weekly-2026-11-30T08-00-00-000Z.json", "weekly-2026-11-30T08-00-00-000Z.md"]);
    expect(readFileSync(join(folder, files[1] as string), "utf8")).toMatch(/^# Hyperscope digest: weekly/);
    const again = await run("digest", "run", "--subscription", "weekly", "--at", "2026-11-30T08:00:00Z");
    expect(again.out).toMatch(/already exists .*not made again/);
  });

  it("previews without storing anything, in any format", async () => {
    const r = await run(
      "digest",
      "preview",
      "--signals",
      "severe-cloud-outages",
      "--from",
      "2026-01-01T00:00:00Z",
      "--format",
      "json",
    );
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ version: 1, empty: true, subscription: null });
    const unknown = await run("digest", "preview", "--signals", "nope");
    expect(unknown.code).toBe(64);
    expect(unknown.err).toMatch(/unknown signal/);
  });
});
