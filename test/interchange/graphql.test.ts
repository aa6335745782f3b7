/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName, sql } from "drizzle-orm";
import { execute, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createRequestContext } from "../../src/api/context.ts";
import { anonymousViewer, type Viewer } from "../../src/auth/viewer.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { entityNames } from "../../src/interchange/entities.ts";
import { exportTo } from "../../src/interchange/export.ts";
import { curatedTables } from "../../src/seed/write.ts";
import { snapshot } from "../seed/fixture.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { graphqlSchema } from "../support/graphql.ts";
import { badDocument, expectedProblems, src } from "./fixtures.ts";

const tables = [...curatedTables.map((t) => getTableName(t)), "audit_log"];
const editor: Viewer = { keyId: 41, keyName: "analyst", role: "EDITOR" };
const reader: Viewer = { keyId: 42, keyName: "dashboard", role: "READER" };

const mutation = `mutation Import($input: ImportFactsInput!) {
  importFacts(input: $input) {
    dryRun applied
    counts { entity created updated unchanged }
    userErrors { field message code entity record key }
  }
}`;

async function importFacts(h: DatabaseHandle, viewer: Viewer, input: Record<string, unknown>) {
  return execute({
    schema: graphqlSchema(),
    document: parse(mutation),
    variableValues: { input },
    contextValue: createRequestContext(h.db, viewer),
  });
}

describe(`importFacts mutation (${testBackend()})`, () => {
  let h: DatabaseHandle;
  const dir = mkdtempSync(join(tmpdir(), "hyperscope-import-graphql-"));
  let curated: string;
  beforeAll(async () => {
    const seeded = await testDatabase("seeded");
    try {
      await exportTo(seeded.db, "json", join(dir, "seed.json"));
    } finally {
      await seeded.close();
    }
    curated = readFileSync(join(dir, "seed.json"), "utf8");
    h = await testDatabase("empty");
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("anonymous: UNAUTHENTICATED; READER: FORBIDDEN; nothing written", async () => {
    const before = await snapshot(h.db, tables);
    for (const [viewer, code] of [
      [anonymousViewer, "UNAUTHENTICATED"],
      [reader, "FORBIDDEN"],
    ] as const) {
      const result = await importFacts(h, viewer, { format: "JSON", document: curated });
      expect(result.data?.importFacts ?? null).toBeNull();
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    }
    expect(await snapshot(h.db, tables)).toEqual(before);
  });

  it("EDITOR: a dry run counts and writes nothing; the import creates every record, audited as the key", async () => {
    const before = await snapshot(h.db, tables);
    const dry = await importFacts(h, editor, { format: "JSON", document: curated, dryRun: true });
    expect(dry.errors).toBeUndefined();
    const payload = dry.data?.importFacts as any;
    expect(payload).toMatchObject({ dryRun: true, applied: false, userErrors: [] });
    expect(payload.counts.map((c: any) => c.entity)).toEqual(entityNames);
    const doc = JSON.parse(curated);
    for (const c of payload.counts) {
      expect(c).toEqual({ entity: c.entity, created: doc[c.entity].length, updated: 0, unchanged: 0 });
    }
    expect(await snapshot(h.db, tables)).toEqual(before);

    const real = (await importFacts(h, editor, { format: "JSON", document: curated })).data
      ?.importFacts as any;
    expect(real).toMatchObject({ dryRun: false, applied: true, userErrors: [] });
    expect(real.counts).toEqual(payload.counts);
    const actors = await queryRows<{ actor: string; n: number }>(
      h.db,
      sql`select actor, count(*)::int as n from audit_log group by actor`,
    );
    expect(actors).toEqual([{ actor: "key:41", n: expect.any(Number) }]);

    // The same document again, as YAML: unchanged everywhere, no audit rows.
    const audit = await snapshot(h.db, ["audit_log"]);
    const yaml = stringify(doc, { lineWidth: 0 });
    const again = (await importFacts(h, editor, { format: "YAML", document: yaml })).data?.importFacts as any;
    expect(again.userErrors).toEqual([]);
    for (const c of again.counts)
      expect(c).toMatchObject({ created: 0, updated: 0, unchanged: doc[c.entity].length });
    expect(await snapshot(h.db, ["audit_log"])).toEqual(audit);
  });

  it("a document with several bad records: every problem as a userError (path, code, record), nothing written", async () => {
    const before = await snapshot(h.db, tables);
    const result = await importFacts(h, editor, { format: "JSON", document: JSON.stringify(badDocument) });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.importFacts as any;
    expect(payload).toMatchObject({ applied: false, counts: [] });
    for (const e of expectedProblems) {
      expect(payload.userErrors).toContainEqual(
        expect.objectContaining({
          entity: e.entity,
          code: e.code,
          field: [e.entity, expect.any(String), e.field],
        }),
      );
    }
    expect(payload.userErrors).toHaveLength(expectedProblems.length);
    expect(payload.userErrors).toContainEqual(
      expect.objectContaining({
        field: ["vendors", "2", "slug"],
        record: 2,
        key: "acme",
        code: "DUPLICATE_KEY",
      }),
    );
    expect(await snapshot(h.db, tables)).toEqual(before);
  });

  it("refuses an oversized document before parsing it, and a document that does not parse", async () => {
    const before = await snapshot(h.db, tables);
    const big = `{"sources": [${`"${"x".repeat(1000)}",`.repeat(1100)}`;
    const tooBig = (await importFacts(h, editor, { format: "JSON", document: big })).data?.importFacts as any;
    expect(tooBig.userErrors).toEqual([expect.objectContaining({ code: "TOO_LARGE", field: ["document"] })]);
    const broken = (await importFacts(h, editor, { format: "YAML", document: "sources: [\n" })).data
      ?.importFacts as any;
    expect(broken.userErrors).toEqual([expect.objectContaining({ code: "INVALID_SYNTAX" })]);
    const unknown = (
      await importFacts(h, editor, {
        format: "JSON",
        document: JSON.stringify({
          vendors: [{ slug: "v", name: "V", kind: "OTHER", confidence: "REPORTED", sources: [src] }],
        }),
      })
    ).data?.importFacts as any;
    expect(unknown.userErrors).toEqual([
      expect.objectContaining({ code: "UNKNOWN_SOURCE", field: ["vendors", "1", "sources", "0"] }),
    ]);
    expect(await snapshot(h.db, tables)).toEqual(before);
  });
});
