import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { migrationsFolder } from "../db/migrate.ts";
import { queryRows } from "../db/rows.ts";

export interface DatabaseStatus {
  /** Migrations recorded as applied in the database (0 when never migrated). */
  migrationsApplied: number;
  /** Migrations committed in schema/migrations. */
  migrationsAvailable: number;
  /** Rows per table of the public schema, by table name. */
  counts: Record<string, number>;
}

/** Number of migrations in the committed drizzle-kit journal. */
export function availableMigrations(): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8"));
  return Array.isArray(journal.entries) ? journal.entries.length : 0;
}

/** How far the database is migrated and how many rows each table holds. */
export async function databaseStatus(db: Database): Promise<DatabaseStatus> {
  const [tracked] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  const applied = tracked?.present
    ? Number(
        (
          await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
        )[0]?.n ?? 0,
      )
    : 0;
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  if (tables.length > 0) {
    const union = sql.join(
      tables.map(
        (t) => sql`select ${t.name}::text as name, count(*)::int as n from ${sql.identifier(t.name)}`,
      ),
      sql` union all `,
    );
    for (const row of await queryRows<{ name: string; n: number }>(db, union))
      counts[row.name] = Number(row.n);
  }
  return { migrationsApplied: applied, migrationsAvailable: availableMigrations(), counts };
}
