import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { parse } from "yaml";
import type { Database } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";

/** The small, complete fixture seed folder. */
export const basicFixture = new URL("./fixtures/basic", import.meta.url).pathname;

/** A private copy of the basic fixture, to edit for one test. */
export function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "hyperscope-seed-"));
  cpSync(basicFixture, dir, { recursive: true });
  return dir;
}

/** Rewrites one file of a fixture copy. */
export function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

/** Every record of a folder of a seed directory, parsed. */
export function recordsIn(dir: string, folder: string): Record<string, unknown>[] {
  return readdirSync(join(dir, folder))
    .filter((f) => f.endsWith(".yaml"))
    .flatMap((f) => (parse(readFileSync(join(dir, folder, f), "utf8")) ?? []) as Record<string, unknown>[]);
}

/**
 * Every row of the given tables with its xmin (the transaction that last wrote it), as text: equal
 * snapshots mean no row was inserted, deleted or rewritten in between.
 */
export async function snapshot(db: Database, tables: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql`select xmin::text || ' ' || to_jsonb(t)::text as row from ${sql.identifier(t)} t order by 1`,
    );
    out[t] = rows.map((r) => r.row);
  }
  return out;
}
