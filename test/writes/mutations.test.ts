/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { createMutation, deleteMutation, entityCases, SEED_SOURCE, updateMutation } from "./entities.ts";
import { gql, keyFor, newestAudit, writeCounts } from "./support.ts";

// Create, update and delete of every curated entity over HTTP with an EDITOR key: the row, its
// audit entries (key, operation, entity, id, before/after), optimistic concurrency.

let handle: DatabaseHandle;
let server: RunningServer;
let editor: { id: number; secret: string };

beforeAll(async () => {
  handle = await testDatabase("seeded");
  server = await startServer(handle);
  editor = await keyFor(handle.db, "EDITOR");
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
});

const run = (query: string, variables: Record<string, unknown>) =>
  gql(server.url, query, variables, editor.secret);

describe(`mutations on every entity (${testBackend()})`, () => {
  for (const c of entityCases) {
    it(`${c.type}: create, stale update refused, update, delete, each audited`, async () => {
      const created = await run(createMutation(c), { input: c.input });
      expect(created.status).toBe(200);
      const payload = created.body.data[`create${c.type}`];
      expect(payload.userErrors).toEqual([]);
      const row = payload[c.field];
      const [field, value] = Object.entries(c.patch)[0] as [string, unknown];
      expect(row[field]).toEqual(c.input[field] ?? null);

      const insert = await newestAudit(handle.db);
      expect(insert).toMatchObject({
        actor: `key:${editor.id}`,
        action: "INSERT",
        entity: c.table,
        before: null,
      });
      expect(toGlobalId(c.type, insert.entityId as number)).toBe(row.id);
      expect(insert.after[field]).toEqual(c.input[field]);

      const updated = await run(updateMutation(c), { id: row.id, at: row.updatedAt, input: c.patch });
      const up = updated.body.data[`update${c.type}`];
      expect(up.userErrors).toEqual([]);
      expect(up[c.field][field]).toEqual(value);
      expect(Date.parse(up[c.field].updatedAt)).toBeGreaterThan(Date.parse(row.updatedAt));
      const update = await newestAudit(handle.db);
      expect(update).toMatchObject({ action: "UPDATE", entity: c.table, entityId: insert.entityId });
      expect(update.before[field]).toEqual(c.input[field]);
      expect(update.after[field]).toEqual(value);

      // The version read before the update is stale now: nothing is written.
      const before = await writeCounts(handle.db);
      const stale = await run(updateMutation(c), { id: row.id, at: row.updatedAt, input: c.input });
      expect(stale.body.data[`update${c.type}`]).toMatchObject({
        [c.field]: null,
        userErrors: [{ field: ["expectedUpdatedAt"], code: "STALE" }],
      });
      const staleDelete = await run(deleteMutation(c), { id: row.id, at: row.updatedAt });
      expect(staleDelete.body.data[`delete${c.type}`].userErrors[0].code).toBe("STALE");
      expect(await writeCounts(handle.db)).toEqual(before);

      const deleted = await run(deleteMutation(c), { id: row.id, at: up[c.field].updatedAt });
      expect(deleted.body.data[`delete${c.type}`]).toEqual({ deletedId: row.id, userErrors: [] });
      const del = await newestAudit(handle.db);
      expect(del).toMatchObject({
        action: "DELETE",
        entity: c.table,
        entityId: insert.entityId,
        after: null,
      });
      expect(del.before[field]).toEqual(value);
      const gone = await run(`query($id: ID!) { node(id: $id) { id } }`, { id: row.id });
      expect(gone.body.data?.node ?? null).toBeNull();
    });
  }

  it("two concurrent updates from the same version: exactly one wins, the other is STALE (no lost update)", async () => {
    const c = entityCases.find((x) => x.type === "Facility") as (typeof entityCases)[number];
    const created = (await run(createMutation(c), { input: { ...c.input, slug: "race-dc" } })).body.data
      .createFacility;
    const at = created.facility.updatedAt;
    const results = await Promise.all(
      [111, 222].map((mw) =>
        run(updateMutation(c), { id: created.facility.id, at, input: { facilityPowerMw: mw } }),
      ),
    );
    const payloads = results.map((r) => r.body.data.updateFacility);
    const winners = payloads.filter((p) => p.userErrors.length === 0);
    const losers = payloads.filter((p) => p.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers.map((p) => p.userErrors[0].code)).toEqual(["STALE"]);
    const read = await run(`query($id: ID!) { node(id: $id) { ... on Facility { facilityPowerMw } } }`, {
      id: created.facility.id,
    });
    expect(read.body.data.node.facilityPowerMw).toBe(winners[0].facility.facilityPowerMw);
    expect([111, 222]).toContain(read.body.data.node.facilityPowerMw);
  });

  it("attachSource and detachSource: locator, audit, and the last source cannot go", async () => {
    const c = entityCases.find((x) => x.type === "Model") as (typeof entityCases)[number];
    const created = (await run(createMutation(c), { input: { ...c.input, slug: "cite-test-model" } })).body
      .data.createModel.model;
    const other = (
      await run(`{ sources(first: 2, orderBy: { field: TITLE }) { edges { node { url } } } }`, {})
    ).body.data.sources.edges
      .map((e: any) => e.node.url)
      .find((u: string) => u !== SEED_SOURCE);
    const attach = `mutation($input: AttachSourceInput!) { attachSource(input: $input) {
      fact { ... on Model { slug sources { source { url } locator } } } citation { locator } userErrors { field code message } } }`;
    const detach = `mutation($input: DetachSourceInput!) { detachSource(input: $input) {
      fact { ... on Model { slug sources { source { url } } } } userErrors { field code message } } }`;

    const a = (await run(attach, { input: { fact: created.id, url: other, locator: "p. 3" } })).body.data
      .attachSource;
    expect(a.userErrors).toEqual([]);
    expect(a.citation).toEqual({ locator: "p. 3" });
    const audit = await newestAudit(handle.db);
    expect(audit).toMatchObject({ action: "INSERT", entity: "model_citations", actor: `key:${editor.id}` });

    const d = (await run(detach, { input: { fact: created.id, url: SEED_SOURCE } })).body.data.detachSource;
    expect(d.userErrors).toEqual([]);
    expect(d.fact.sources.map((s: any) => s.source.url)).toEqual([other]);

    const before = await writeCounts(handle.db);
    const last = (await run(detach, { input: { fact: created.id, url: other } })).body.data.detachSource;
    expect(last.userErrors).toEqual([
      { field: ["input", "url"], code: "SOURCE_REQUIRED", message: expect.any(String) },
    ]);
    const unknown = (await run(attach, { input: { fact: created.id, url: "https://nowhere.example/x" } }))
      .body.data.attachSource;
    expect(unknown.userErrors[0]).toMatchObject({ field: ["input", "url"], code: "UNKNOWN_REFERENCE" });
    const notCited = (await run(detach, { input: { fact: created.id, url: SEED_SOURCE } })).body.data
      .detachSource;
    expect(notCited.userErrors[0]).toMatchObject({ code: "NOT_FOUND" });
    expect(await writeCounts(handle.db)).toEqual(before);
  });
});
