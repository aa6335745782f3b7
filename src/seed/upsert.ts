import { type AnyColumn, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm";
import type { IndexColumn, PgTable } from "drizzle-orm/pg-core";
import type { AuditEntry } from "../audit/record.ts";
import type { Database } from "../db/client.ts";

/** What one write did to one table. */
export interface TableChanges {
  inserted: number;
  updated: number;
  deleted: number;
}

/**
 * Collects an audit entry per row a write inserts, updates or deletes (before/after as the row's
 * JSON), to be recorded in bulk in the same transaction (recordAuditInBatches).
 */
export interface AuditTrail {
  /** `seed`, `import` or `key:<id>` (see actorOf). */
  actor: string;
  entries: AuditEntry[];
}

/** A JSON value as the driver returned it (postgres.js under Drizzle may leave jsonb as text). */
const json = (v: unknown): Record<string, unknown> | null =>
  v == null
    ? null
    : typeof v === "string"
      ? (JSON.parse(v) as Record<string, unknown>)
      : (v as Record<string, unknown>);

/** The audit entry of one written row; its id is the row's `id`, or `subject_id` for a citation. */
export function auditEntryOf(
  trail: AuditTrail,
  table: PgTable,
  action: "INSERT" | "UPDATE" | "DELETE",
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): AuditEntry {
  before = json(before);
  after = json(after);
  const row = after ?? before ?? {};
  const id = row.id ?? row.subject_id;
  return {
    actor: trail.actor,
    action,
    entity: getTableName(table),
    entityId: id == null ? null : Number(id),
    before,
    after,
  };
}

/** The whole row as JSON (`to_jsonb`) of a table named in a statement. */
export const rowJson = (table: PgTable) => sql.raw(`to_jsonb("${getTableName(table)}".*)`);

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
  audit?: AuditTrail,
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
  // The row as it was before this statement: subqueries in RETURNING read the statement's snapshot,
  // which does not include the statement's own writes.
  const name = getTableName(table);
  const before = sql.raw(
    `(select to_jsonb(o.*) from "${name}" o where ${target
      .map((c) => `o."${(c as AnyColumn).name}" is not distinct from "${name}"."${(c as AnyColumn).name}"`)
      .join(" and ")})`,
  );
  const returning: Record<string, SQL> = audit
    ? { inserted: sql<boolean>`(xmax = 0)`, after: sql<Record<string, unknown>>`${rowJson(table)}`, before }
    : { inserted: sql<boolean>`(xmax = 0)` };
  const width = Object.keys(rows[0] ?? {}).length || 1;
  const chunk = Math.max(1, Math.floor(maxParameters / width));
  for (let i = 0; i < rows.length; i += chunk) {
    const query = db.insert(table).values(rows.slice(i, i + chunk) as never);
    const written = await (updatable.length === 0
      ? query.onConflictDoNothing({ target })
      : query.onConflictDoUpdate({ target, set: set as never, setWhere: changed })
    ).returning(returning);
    for (const w of written as { inserted: boolean; after?: Record<string, unknown>; before?: unknown }[]) {
      if (w.inserted) changes.inserted++;
      else changes.updated++;
      if (audit) {
        const was = w.inserted ? null : ((w.before as Record<string, unknown> | null) ?? null);
        audit.entries.push(
          auditEntryOf(audit, table, w.inserted ? "INSERT" : "UPDATE", was, w.after ?? null),
        );
      }
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
