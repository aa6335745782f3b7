import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { CITATION_TABLES } from "../../src/synthetic/load.ts";
import { ID_TABLES } from "../../src/synthetic/world.ts";

/** Every table the synthetic load writes. */
export const LOADED_TABLES = [...ID_TABLES, ...Object.values(CITATION_TABLES)] as string[];

/**
 * md5 of each table's rows in key order, computed in SQL, with the load-time columns
 * (created_at, updated_at) left out: equal hashes mean equal rows.
 */
export async function tableHashes(db: Database): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const table of LOADED_TABLES) {
    const order = table.endsWith("_citations") ? "t.subject_id, t.source_id" : "t.id";
    const [row] = await queryRows<{ hash: string }>(
      db,
      sql.raw(
        `select md5(coalesce(string_agg((to_jsonb(t) - 'created_at' - 'updated_at')::text, '|' order by ${order}), '')) as hash from ${table} t`,
      ),
    );
    hashes[table] = row?.hash ?? "";
  }
  return hashes;
}

export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of LOADED_TABLES) {
    const [row] = await queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`));
    counts[table] = row?.n ?? 0;
  }
  return counts;
}
