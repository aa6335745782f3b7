import { type AnyColumn, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { citationTables } from "../../schema/db/citations.ts";
import type { Database } from "../db/client.ts";
import { keyText, rowsWhereIn } from "./lookup.ts";
import { type AuditTrail, auditEntryOf, rowJson, type TableChanges, upsertRows } from "./upsert.ts";

type CitationTable = (typeof citationTables)[keyof typeof citationTables];

export type CitationRow = {
  subjectId: number;
  sourceId: number;
  locator: string | null;
};

/**
 * Makes the citations of the given subjects exactly `desired`: citations no longer in the file are
 * deleted, new ones inserted, a changed locator updated; identical citations are not touched.
 */
export async function syncCitations(
  db: Database,
  table: CitationTable,
  subjectIds: number[],
  desired: CitationRow[],
  audit?: AuditTrail,
): Promise<TableChanges> {
  const wanted = new Set(desired.map((c) => keyText(c.subjectId, c.sourceId)));
  const existing = await rowsWhereIn<CitationRow>(db, table, table.subjectId, subjectIds);
  const stale = existing.filter((c) => !wanted.has(keyText(c.subjectId, c.sourceId)));
  let deleted = 0;
  if (stale.length > 0) {
    const pairs = sql.join(
      stale.map((c) => sql`(${c.subjectId}::int, ${c.sourceId}::int)`),
      sql`, `,
    );
    const gone = await db
      .delete(table)
      .where(sql`(${table.subjectId}, ${table.sourceId}) in (${pairs})`)
      .returning({ row: sql<Record<string, unknown>>`${rowJson(table)}` });
    deleted = gone.length;
    if (audit) for (const g of gone) audit.entries.push(auditEntryOf(audit, table, "DELETE", g.row, null));
  }
  const changes = await upsertRows(db, table, desired as never, [table.subjectId, table.sourceId], [], audit);
  return { ...changes, deleted };
}

/**
 * Makes the child rows of the given parents (outage impacts, regulatory-event subjects) exactly
 * `desired`, compared by `keyOf`: missing children are inserted, extra ones deleted, and children
 * already present are left untouched (so their created_at/updated_at keep their meaning).
 */
export async function syncChildren<Row extends Record<string, unknown>>(
  db: Database,
  table: PgTable & { id: AnyColumn },
  parentColumn: AnyColumn,
  parentIds: number[],
  desired: Row[],
  keyOf: (row: Row) => string,
  audit?: AuditTrail,
): Promise<TableChanges> {
  const existing = await rowsWhereIn<Row & { id: number }>(db, table, parentColumn, parentIds);
  const present = new Map(existing.map((row) => [keyOf(row), row]));
  const wanted = new Map(desired.map((row) => [keyOf(row), row]));
  const stale = existing.filter((row) => !wanted.has(keyOf(row))).map((row) => row.id);
  // Duplicates already in the database (same key twice) are reduced to one.
  const seen = new Set<string>();
  for (const row of existing) {
    const k = keyOf(row);
    if (seen.has(k) && wanted.has(k)) stale.push(row.id);
    seen.add(k);
  }
  const missing = [...wanted.entries()].filter(([k]) => !present.has(k)).map(([, row]) => row);
  const json = { row: sql<Record<string, unknown>>`${rowJson(table)}` };
  if (stale.length > 0) {
    const gone = await db.delete(table).where(inArray(table.id, stale)).returning(json);
    if (audit) for (const g of gone) audit.entries.push(auditEntryOf(audit, table, "DELETE", g.row, null));
  }
  for (let i = 0; i < missing.length; i += 5_000) {
    const added = await db
      .insert(table)
      .values(missing.slice(i, i + 5_000) as never)
      .returning(json);
    if (audit) for (const a of added) audit.entries.push(auditEntryOf(audit, table, "INSERT", null, a.row));
  }
  return { inserted: missing.length, updated: 0, deleted: stale.length };
}
