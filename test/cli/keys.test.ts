import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.ts";
import { loadConfig } from "../../src/config.ts";
import { openConfiguredDatabase } from "../../src/db/open.ts";
import { postGraphql, startServer } from "../http/support.ts";
import { testBackend } from "../support/database.ts";
import { createPostgresTemplate, dropPostgresDatabase, withDatabase } from "../support/postgres-admin.ts";

// `hyperscope keys create|list|revoke` against a throw-away database, then the printed secret used
// as a Bearer key over HTTP against the same database.

const slow = 180_000;

async function cli(args: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(
    args,
    {
      out: (t) => {
        stdout += t;
      },
      err: (t) => {
        stderr += t;
      },
    },
    env,
  );
  return { code, stdout, stderr };
}

/** Serves the database of `env` while `work` runs; returns what `work` returns. */
async function serving<T>(env: Record<string, string>, work: (url: string) => Promise<T>): Promise<T> {
  const handle = await openConfiguredDatabase(loadConfig(env));
  const server = await startServer(handle);
  try {
    return await work(server.url);
  } finally {
    await server.stop();
    await handle.close();
  }
}

const read = (url: string, secret: string) =>
  postGraphql(url, { query: "{ vendors(first: 1) { totalCount } }" }, { authorization: `Bearer ${secret}` });

describe(`hyperscope keys (${testBackend()})`, () => {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const dbName = `hs_keys_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(join(tmpdir(), "hyperscope-keys-"));
  let env: Record<string, string>;

  beforeAll(async () => {
    if (testBackend() === "postgres" && adminUrl) {
      await createPostgresTemplate(adminUrl, dbName, async () => {});
      env = { DATABASE_URL: withDatabase(adminUrl, dbName) };
    } else {
      env = { DATA_DIR: join(dataDir, "db") };
    }
  }, slow);
  afterAll(async () => {
    if (testBackend() === "postgres" && adminUrl) await dropPostgresDatabase(adminUrl, dbName);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("create prints the secret once; list never shows it; the key works until revoked", {
    timeout: slow,
  }, async () => {
    const created = await cli(["keys", "create", "--role", "EDITOR", "--name", "nightly pipeline"], env);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    const secret = created.stdout.trim().split("\n").at(-1) as string;
    expect(secret).toMatch(/^hsk_[A-Za-z0-9_-]{43}$/);
    const id = Number(/API key (\d+)/.exec(created.stdout)?.[1]);

    const listed = await cli(["keys", "list"], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\tEDITOR\\tnightly pipeline\\t`, "m"));
    expect(listed.stdout).not.toContain(secret);

    const status = await serving(env, async (url) => (await read(url, secret)).status);
    expect(status).toBe(200);

    const revoked = await cli(["keys", "revoke", String(id)], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`revoked API key ${id}`);
    const after = await serving(env, async (url) => (await read(url, secret)).status);
    expect(after).toBe(401);
  });

  it("bad usage exits 64; revoking an unknown key exits 1", { timeout: slow }, async () => {
    expect((await cli(["keys", "create", "--role", "ROOT", "--name", "x"], env)).code).toBe(64);
    expect((await cli(["keys", "create", "--role", "READER"], env)).code).toBe(64);
    expect((await cli(["keys", "revoke", "abc"], env)).code).toBe(64);
    expect((await cli(["keys", "rotate"], env)).code).toBe(64);
    const unknown = await cli(["keys", "revoke", "999999"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no API key with id 999999");
  });
});
