import { type AnyColumn, and, inArray, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client.ts";

/** The text form of a natural key: its parts joined by `|`, null as the empty string. */
export const keyText = (...parts: unknown[]) => parts.map((p) => (p == null ? "" : String(p))).join("|");

/** Splits a list so `IN (…)` lists stay well under the parameter limit. */
function chunks<T>(values: T[], size = 10_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/**
 * Ids of the rows whose `filter` column is in `values`, keyed by `keyText` of their natural-key
 * columns. Used after an upsert, whose RETURNING omits rows that did not change.
 */
export async function idsByKey(
  db: Database,
  table: PgTable & { id: AnyColumn },
  key: AnyColumn[],
  filter: AnyColumn,
  values: unknown[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const unique = [...new Set(values)];
  for (const part of chunks(unique)) {
    const fields = Object.fromEntries([["id", table.id], ...key.map((c, i) => [`k${i}`, c])]);
    const rows = (await db.select(fields).from(table).where(inArray(filter, part))) as Record<
      string,
      unknown
    >[];
    for (const row of rows) ids.set(keyText(...key.map((_, i) => row[`k${i}`])), Number(row.id));
  }
  return ids;
}

/** Rows of `table` whose `filter` column is in `values` (all columns). */
export async function rowsWhereIn<T extends Record<string, unknown>>(
  db: Database,
  table: PgTable,
  filter: AnyColumn,
  values: unknown[],
  extra?: SQL,
): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks([...new Set(values)])) {
    const rows = await db
      .select()
      .from(table)
      .where(and(inArray(filter, part), extra ?? sql`true`));
    out.push(...(rows as T[]));
  }
  return out;
}
