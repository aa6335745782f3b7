import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { entityNames, folderOf } from "../../src/interchange/entities.ts";
import { exportTo } from "../../src/interchange/export.ts";
import { seedCurated } from "../../src/seed/curated.ts";
import { countRows } from "../../src/seed/upsert.ts";
import { curatedTables } from "../../src/seed/write.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { filesOf } from "./support.ts";

describe(`export of the curated seed (${testBackend()})`, () => {
  let seeded: DatabaseHandle;
  const dir = mkdtempSync(join(tmpdir(), "hyperscope-export-"));
  beforeAll(async () => {
    seeded = await testDatabase("seeded");
  });
  afterAll(async () => {
    await seeded?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes every record once in each format, the same bytes on a second run", async () => {
    const counts = await exportTo(seeded.db, "json", join(dir, "a.json"));
    const rows = await countRows(seeded.db, curatedTables);
    expect(counts.facilities).toBe(rows.facilities);
    expect(counts.deployments).toBe(rows.deployments);
    expect(counts.sources).toBe(rows.sources);
    const doc = JSON.parse(filesOf(join(dir, "a.json"))["."] ?? "") as Record<string, unknown[]>;
    expect(Object.keys(doc)).toEqual(["format", ...entityNames]);
    for (const e of entityNames) expect(doc[e]).toHaveLength(counts[e]);

    await exportTo(seeded.db, "json", join(dir, "b.json"));
    expect(filesOf(join(dir, "b.json"))).toEqual(filesOf(join(dir, "a.json")));

    await exportTo(seeded.db, "csv", join(dir, "csv"));
    await exportTo(seeded.db, "yaml", join(dir, "yaml"));
    const csv = filesOf(join(dir, "csv"));
    const yaml = filesOf(join(dir, "yaml"));
    for (const e of entityNames) {
      const folder = folderOf(e);
      expect(parseCsv(csv[`${folder}.csv`] ?? "", { columns: true })).toHaveLength(counts[e]);
      expect(parseYaml(yaml[join(folder, `${folder}.yaml`)] ?? "")).toEqual(doc[e]);
    }
  });

  it("keys by slug, refers by slug, cites sources inline by URL, in natural-key order", async () => {
    await exportTo(seeded.db, "json", join(dir, "c.json"));
    const doc = JSON.parse(filesOf(join(dir, "c.json"))["."] ?? "") as Record<
      string,
      Record<string, unknown>[]
    >;
    const slugs = (doc.facilities ?? []).map((f) => f.slug as string);
    expect(slugs).toEqual([...slugs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const colossus = doc.facilities?.find((f) => f.slug === "xai-colossus-1");
    expect(colossus).toMatchObject({ operator: "xai", country: "US" });
    expect(colossus).not.toHaveProperty("id");
    expect(colossus).not.toHaveProperty("operatorId");
    const urls = new Set((doc.sources ?? []).map((s) => s.url));
    for (const e of entityNames.filter((n) => n !== "sources")) {
      for (const rec of doc[e] ?? []) {
        for (const c of rec.sources as (string | { url: string })[]) {
          expect(urls.has(typeof c === "string" ? c : c.url)).toBe(true);
        }
      }
    }
  });

  it("yaml export is a valid seed folder: seeding it into an empty database and exporting again gives the same bytes", async () => {
    await exportTo(seeded.db, "yaml", join(dir, "y1"));
    const empty = await testDatabase("empty");
    try {
      await seedCurated(empty.db, { dir: join(dir, "y1") });
      expect(await countRows(empty.db, curatedTables)).toEqual(await countRows(seeded.db, curatedTables));
      await exportTo(empty.db, "yaml", join(dir, "y2"));
      expect(filesOf(join(dir, "y2"))).toEqual(filesOf(join(dir, "y1")));
    } finally {
      await empty.close();
    }
  });
});
