/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../schema/db/index.ts";
import { revokeKey } from "../../src/auth/manage.ts";
import { hashSecret } from "../../src/auth/secrets.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { postGraphql, type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { gql, keyFor, newestAudit, writeCounts } from "./support.ts";

// Every role boundary over real HTTP: anonymous, READER, EDITOR, ADMIN × read, write, key
// management; unknown, malformed and revoked keys; ANONYMOUS_READ=false; the key lifecycle.

let handle: DatabaseHandle;
let server: RunningServer;
let closedServer: RunningServer;
const keys: Record<string, { id: number; secret: string }> = {};

beforeAll(async () => {
  handle = await testDatabase("seeded");
  server = await startServer(handle);
  closedServer = await startServer(handle, { anonymousRead: false });
  for (const role of ["READER", "EDITOR", "ADMIN"] as const) keys[role] = await keyFor(handle.db, role);
});
afterAll(async () => {
  await server?.stop();
  await closedServer?.stop();
  await handle?.close();
});

const READ = `{ vendors(first: 1) { totalCount } }`;
let sourceNo = 0;
const WRITE = () => ({
  query: `mutation($input: SourceInput!) { createSource(input: $input) { source { url } userErrors { code } } }`,
  variables: {
    input: { url: `https://example.org/roles/${++sourceNo}`, title: "Roles", publisher: "Example" },
  },
});
const MANAGE = `mutation { createApiKey(input: { name: "made in a test", role: READER }) { secret userErrors { code } } }`;
const LIST_KEYS = `{ apiKeys { totalCount } }`;
const AUDIT = `{ auditLog(first: 1) { totalCount } }`;

/** The outcome of one request: "ok", or the first error's code. */
async function outcome(url: string, query: string, variables: Record<string, unknown>, secret?: string) {
  const { status, body } = await gql(url, query, variables, secret);
  if (body.errors?.length) return { status, code: body.errors[0].extensions?.code as string };
  expect(status).toBe(200);
  return { status, code: "ok" };
}

describe(`roles over HTTP (${testBackend()})`, () => {
  const matrix: Array<[string, string, string, string, string, string]> = [
    // who, read, write, create key, list keys, audit log
    ["anonymous", "ok", "UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED"],
    ["READER", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"],
    ["EDITOR", "ok", "ok", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"],
    ["ADMIN", "ok", "ok", "ok", "ok", "ok"],
  ];
  for (const [who, read, write, manage, list, audit] of matrix) {
    it(`${who}: read ${read}, write ${write}, create key ${manage}, list keys ${list}, audit log ${audit}`, async () => {
      const secret = who === "anonymous" ? undefined : keys[who]?.secret;
      expect((await outcome(server.url, READ, {}, secret)).code).toBe(read);
      const before = await writeCounts(handle.db);
      const w = WRITE();
      expect((await outcome(server.url, w.query, w.variables, secret)).code).toBe(write);
      if (write !== "ok") expect(await writeCounts(handle.db)).toEqual(before);
      expect((await outcome(server.url, MANAGE, {}, secret)).code).toBe(manage);
      expect((await outcome(server.url, LIST_KEYS, {}, secret)).code).toBe(list);
      expect((await outcome(server.url, AUDIT, {}, secret)).code).toBe(audit);
    });
  }

  it("an unknown or malformed key is refused with 401 UNAUTHENTICATED, even for a read", async () => {
    for (const header of ["Bearer hsk_not-a-real-key", "Basic dXNlcjpwYXNz", "Bearer"]) {
      const res = await postGraphql(server.url, { query: READ }, { authorization: header });
      expect(res.status).toBe(401);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(body.data).toBeUndefined();
    }
  });

  it("a revoked key is refused with UNAUTHENTICATED, even for a read", async () => {
    const key = await keyFor(handle.db, "EDITOR", "soon revoked");
    expect((await outcome(server.url, READ, {}, key.secret)).code).toBe("ok");
    await revokeKey(handle.db, key.id, "test");
    expect(await outcome(server.url, READ, {}, key.secret)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("ANONYMOUS_READ=false: anonymous reads are UNAUTHENTICATED, a READER key reads", async () => {
    expect(await outcome(closedServer.url, READ, {}, undefined)).toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
    });
    expect((await outcome(closedServer.url, READ, {}, keys.READER?.secret)).code).toBe("ok");
  });

  it("a key's use is recorded in last_used_at; only its SHA-256 hash is stored", async () => {
    const key = await keyFor(handle.db, "READER", "usage");
    await outcome(server.url, READ, {}, key.secret);
    const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
    expect(row?.keyHash).toBe(hashSecret(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret);
  });

  it("ADMIN key lifecycle: createApiKey shows the secret once, it works, apiKeys lists it, revokeApiKey ends it", async () => {
    const admin = keys.ADMIN?.secret;
    const created = await gql(
      server.url,
      `mutation { createApiKey(input: { name: "pipeline", role: EDITOR }) {
        apiKey { id keyId name role revokedAt } secret userErrors { code } } }`,
      {},
      admin,
    );
    const { apiKey, secret, userErrors } = created.body.data.createApiKey;
    expect(userErrors).toEqual([]);
    expect(apiKey).toMatchObject({ name: "pipeline", role: "EDITOR", revokedAt: null });
    expect(secret).toMatch(/^hsk_[A-Za-z0-9_-]{43}$/);
    expect(await newestAudit(handle.db)).toMatchObject({
      actor: `key:${keys.ADMIN?.id}`,
      action: "INSERT",
      entity: "api_keys",
      entityId: apiKey.keyId,
    });
    expect(JSON.stringify((await newestAudit(handle.db)).after)).not.toContain("key_hash");

    const w = WRITE();
    expect((await outcome(server.url, w.query, w.variables, secret)).code).toBe("ok");
    const listed = await gql(server.url, `{ apiKeys(first: 100) { edges { node { id name } } } }`, {}, admin);
    expect(listed.body.data.apiKeys.edges.map((e: any) => e.node.id)).toContain(apiKey.id);

    const blank = await gql(
      server.url,
      `mutation { createApiKey(input: { name: " ", role: READER }) { apiKey { id } userErrors { field code } } }`,
      {},
      admin,
    );
    expect(blank.body.data.createApiKey).toEqual({
      apiKey: null,
      userErrors: [{ field: ["input", "name"], code: "REQUIRED" }],
    });

    const revoke = `mutation($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } userErrors { field code } } }`;
    const revoked = await gql(server.url, revoke, { id: apiKey.id }, admin);
    expect(revoked.body.data.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    expect(await outcome(server.url, READ, {}, secret)).toEqual({ status: 401, code: "UNAUTHENTICATED" });
    const missing = await gql(server.url, revoke, { id: toGlobalId("ApiKey", 999999) }, admin);
    expect(missing.body.data.revokeApiKey).toEqual({
      apiKey: null,
      userErrors: [{ field: ["input", "id"], code: "NOT_FOUND" }],
    });
    const active = await gql(server.url, `{ apiKeys(first: 100) { edges { node { id } } } }`, {}, admin);
    expect(active.body.data.apiKeys.edges.map((e: any) => e.node.id)).not.toContain(apiKey.id);
  });

  it("auditLog filters by entity, API key, actor and time range", async () => {
    const admin = keys.ADMIN?.secret;
    const editor = keys.EDITOR;
    const start = new Date(Date.now() - 1000).toISOString();
    const w = WRITE();
    await outcome(server.url, w.query, w.variables, editor?.secret);
    const q = `query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) { totalCount
      edges { node { actor action entity entityId after apiKey { keyId } at } } } }`;
    const byKey = await gql(
      server.url,
      q,
      { filter: { entity: ["sources"], apiKey: toGlobalId("ApiKey", editor?.id as number), from: start } },
      admin,
    );
    const entries = byKey.body.data.auditLog.edges.map((e: any) => e.node);
    expect(entries.length).toBeGreaterThanOrEqual(1);
    for (const e of entries) {
      expect(e).toMatchObject({
        actor: `key:${editor?.id}`,
        entity: "sources",
        apiKey: { keyId: editor?.id },
      });
      expect(Date.parse(e.at)).toBeGreaterThanOrEqual(Date.parse(start));
    }
    expect(entries[0]).toMatchObject({ action: "INSERT", after: { url: w.variables.input.url } });

    const byActor = await gql(server.url, q, { filter: { actor: "seed" } }, admin);
    expect(byActor.body.data.auditLog.edges.every((e: any) => e.node.actor === "seed")).toBe(true);
    const future = await gql(
      server.url,
      q,
      { filter: { from: new Date(Date.now() + 3_600_000).toISOString() } },
      admin,
    );
    expect(future.body.data.auditLog.totalCount).toBe(0);
    const past = await gql(server.url, q, { filter: { entity: ["sources"], to: start } }, admin);
    expect(past.body.data.auditLog.edges.some((e: any) => e.node.after?.url === w.variables.input.url)).toBe(
      false,
    );
  });
});
