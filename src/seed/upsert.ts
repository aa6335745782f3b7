import { type AnyColumn, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { IndexColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../db/client.ts";

/** What one write did to one table. */
export interface TableChanges {
  inserted: number;
  updated: number;
  deleted: number;
}

export const noChanges = (): TableChanges => ({ inserted: 0, updated: 0, deleted: 0 });

/** Columns the database owns: never written by the seed, never compared. */
const databaseOwned = new Set(["id", "createdAt", "updatedAt"]);

/** PostgreSQL accepts at most 65,535 parameters per statement. */
const maxParameters = 30_000;

/**
 * Multi-row `INSERT … ON CONFLICT (target) DO UPDATE` that only touches a row when one of its
 * written columns really differs (`IS DISTINCT FROM`), so re-seeding identical data changes no row
 * and leaves updated_at alone. Columns in `keep` are written on insert but never updated.
 */
export async function upsertRows(
  db: Database,
  table: PgTable,
  rows: Record<string, unknown>[],
  target: IndexColumn[],
  keep: string[] = [],
): Promise<TableChanges> {
  const changes = noChanges();
  if (rows.length === 0) return changes;
  const columns = getTableColumns(table) as Record<string, AnyColumn>;
  const targetNames = new Set(target.map((c) => (c as AnyColumn).name));
  const updatable = Object.entries(columns).filter(
    ([key, col]) => !databaseOwned.has(key) && !keep.includes(key) && !targetNames.has(col.name),
  );
  const excluded = (col: AnyColumn) => sql.raw(`excluded."${col.name}"`);
  const set = Object.fromEntries(updatable.map(([key, col]) => [key, excluded(col)]));
  const changed: SQL =
    updatable.length === 0
      ? sql`false`
      : sql`(${sql.join(
          updatable.map(([, col]) => sql`${col}`),
          sql`, `,
        )}) is distinct from (${sql.join(
          updatable.map(([, col]) => excluded(col)),
          sql`, `,
        )})`;
  const width = Object.keys(rows[0] ?? {}).length || 1;
  const chunk = Math.max(1, Math.floor(maxParameters / width));
  for (let i = 0; i < rows.length; i += chunk) {
    const query = db.insert(table).values(rows.slice(i, i + chunk) as never);
    const written = await (updatable.length === 0
      ? query.onConflictDoNothing({ target })
      : query.onConflictDoUpdate({ target, set: set as never, setWhere: changed })
    ).returning({ inserted: sql<boolean>`(xmax = 0)` });
    for (const w of written) {
      if (w.inserted) changes.inserted++;
      else changes.updated++;
    }
  }
  return changes;
}

/** Row counts of the given tables, keyed by table name. */
export async function countRows(db: Database, tables: PgTable[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
    counts[getTableName(table)] = Number(row?.n ?? 0);
  }
  return counts;
}
