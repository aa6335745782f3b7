import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";

/** Row count of every table in the public schema (to prove a request changed nothing). */
export async function countRows(handle: DatabaseHandle): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    handle.db,
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from ${sql.identifier(name)}`,
    );
    counts[name] = row?.n ?? 0;
  }
  return counts;
}
