import { type Column, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client.ts";
import { intArray, textArray } from "./filters.ts";

/**
 * Rows by a unique key (id, slug): the hottest statements (every node lookup, every to-one field a
 * DataLoader batches). Each (table, key column) statement is built once per database object and
 * sent prepared, with the keys as ONE array parameter, so its text is the same for any batch size:
 * - Drizzle does not rebuild the SQL on every call;
 * - postgres.js sends an unprepared statement with parameters in two round trips (Parse + Describe,
 *   wait for the parameter types, then Bind + Execute); a prepared one it has seen on a connection
 *   goes in one (Bind + Execute), and PostgreSQL reuses its parse and plan.
 * Plans stay valid across migrations: this server migrates before it opens the serving pool
 * (src/main.ts); a migration by another instance invalidates the cached plan, which PostgreSQL
 * replans by itself, and on a changed result type postgres.js prepares it again and retries
 * (test/db/by-key.test.ts). Each key column is one prepared statement per pooled connection, so
 * their number is bounded by the code, not by the requests. PGlite runs the same statement (it has
 * one connection and no round trips).
 */
type KeyKind = "int" | "text";

const built = new WeakMap<Database, Map<string, { execute(values: { keys: string }): Promise<unknown> }>>();

/** The rows of `table` whose `column` (of `kind`) equals one of `keys`, in any order. */
export function rowsByKeys<T extends PgTable>(
  db: Database,
  table: T,
  column: Column,
  kind: KeyKind,
  keys: readonly (number | string)[],
): Promise<T["$inferSelect"][]> {
  let statements = built.get(db);
  if (!statements) {
    statements = new Map();
    built.set(db, statements);
  }
  const name = `${getTableName(table)}_by_${column.name}`;
  let statement = statements.get(name);
  if (!statement) {
    statement = db
      .select()
      .from(table as PgTable)
      .where(sql`${column} = any(${sql.placeholder("keys")}::${sql.raw(kind)}[])`)
      .prepare(name);
    statements.set(name, statement);
  }
  const literal = kind === "int" ? intArray(keys as readonly number[]) : textArray(keys as readonly string[]);
  return statement.execute({ keys: literal }) as Promise<T["$inferSelect"][]>;
}
