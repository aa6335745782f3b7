import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { entityNames } from "../../src/interchange/entities.ts";
import { type ExportFormat, exportTo } from "../../src/interchange/export.ts";
import { importRecords } from "../../src/interchange/import.ts";
import { readImportPath } from "../../src/interchange/read.ts";
import { countRows } from "../../src/seed/upsert.ts";
import { curatedTables } from "../../src/seed/write.ts";
import { snapshot } from "../seed/fixture.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { filesOf } from "./support.ts";

// DESIGN "Done when": export the curated seed, import it into an EMPTY database, export again:
// byte-identical; re-importing changes nothing (dry run: every record unchanged; no audit rows).

const tables = curatedTables.map((t) => getTableName(t));
const auditCount = async (h: DatabaseHandle) =>
  (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from audit_log`))[0]?.n ?? 0;

describe(`interchange round trip of the curated seed (${testBackend()})`, () => {
  let seeded: DatabaseHandle;
  const dir = mkdtempSync(join(tmpdir(), "hyperscope-roundtrip-"));
  beforeAll(async () => {
    seeded = await testDatabase("seeded");
  });
  afterAll(async () => {
    await seeded?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const paths: Record<ExportFormat, string> = { json: "seed.json", csv: "csv", yaml: "yaml" };

  for (const format of ["json", "csv", "yaml"] as const) {
    it(`${format}: export, import into an empty database, export again gives the same bytes; a re-import changes nothing`, async () => {
      const first = join(dir, `1-${paths[format]}`);
      const second = join(dir, `2-${paths[format]}`);
      const exported = await exportTo(seeded.db, format, first);
      const empty = await testDatabase("empty");
      try {
        const result = await importRecords(empty.db, readImportPath(first), {
          actor: "import",
          label: first,
        });
        expect(result.format).toBe(format);
        for (const e of entityNames) {
          expect(result.counts[e], e).toEqual({ created: exported[e], updated: 0, unchanged: 0 });
        }
        expect(await countRows(empty.db, curatedTables)).toEqual(await countRows(seeded.db, curatedTables));
        // Every written row is audited with actor `import`.
        const [audited] = await queryRows<{ n: number }>(
          empty.db,
          sql`select count(*)::int as n from audit_log where actor = 'import' and action = 'INSERT'`,
        );
        const rows = Object.values(await countRows(empty.db, curatedTables)).reduce((a, b) => a + b, 0);
        expect(audited?.n).toBe(rows);

        await exportTo(empty.db, format, second);
        expect(filesOf(second)).toEqual(filesOf(first));

        const before = await snapshot(empty.db, tables);
        const audit = await auditCount(empty);
        const dry = await importRecords(empty.db, readImportPath(first), {
          actor: "import",
          dryRun: true,
          label: first,
        });
        expect(dry.dryRun).toBe(true);
        for (const e of entityNames) {
          expect(dry.counts[e], e).toEqual({ created: 0, updated: 0, unchanged: exported[e] });
        }
        const again = await importRecords(empty.db, readImportPath(first), { actor: "import", label: first });
        for (const e of entityNames) expect(again.counts[e].unchanged).toBe(exported[e]);
        expect(await snapshot(empty.db, tables)).toEqual(before);
        expect(await auditCount(empty)).toBe(audit);
      } finally {
        await empty.close();
      }
    });
  }

  it("a dry run of an edited export reports the edit and writes nothing; the import applies and audits it", async () => {
    const path = join(dir, "edit.json");
    await exportTo(seeded.db, "json", path);
    const { readFileSync, writeFileSync } = await import("node:fs");
    const doc = JSON.parse(readFileSync(path, "utf8")) as Record<string, Record<string, unknown>[]>;
    const colossus = doc.facilities?.find((f) => f.slug === "xai-colossus-1");
    if (!colossus) throw new Error("fixture: xai-colossus-1 missing from the curated seed");
    colossus.note = "Edited by the round-trip test.";
    doc.facilities?.push({
      slug: "test-campus",
      name: "Test campus",
      operator: "xai",
      country: "US",
      status: "ANNOUNCED",
      confidence: "ESTIMATED",
      note: "A test record; nothing is derived.",
      sources: [String(doc.sources?.[0]?.url)],
    });
    const edited = { format: doc.format, facilities: doc.facilities } as Record<string, unknown>;
    writeFileSync(path, JSON.stringify(edited));
    const h = await testDatabase("seeded");
    try {
      const before = await snapshot(h.db, [...tables, "audit_log"]);
      const dry = await importRecords(h.db, readImportPath(path), {
        actor: "import",
        dryRun: true,
        label: path,
      });
      expect(dry.counts.facilities).toEqual({
        created: 1,
        updated: 1,
        unchanged: (doc.facilities?.length ?? 0) - 2,
      });
      expect(dry.counts.vendors).toEqual({ created: 0, updated: 0, unchanged: 0 });
      expect(await snapshot(h.db, [...tables, "audit_log"])).toEqual(before);

      await importRecords(h.db, readImportPath(path), { actor: "import", label: path });
      const audit = await queryRows<{
        action: string;
        before: { note: string } | null;
        after: { note: string };
      }>(
        h.db,
        sql`select action, before, after from audit_log where actor = 'import' and entity = 'facilities' order by id`,
      );
      expect(audit.map((a) => a.action).sort()).toEqual(["INSERT", "UPDATE"]);
      const update = audit.find((a) => a.action === "UPDATE");
      expect(update?.after.note).toBe("Edited by the round-trip test.");
      expect(update?.before?.note).not.toBe("Edited by the round-trip test.");
    } finally {
      await h.close();
    }
  });
});
