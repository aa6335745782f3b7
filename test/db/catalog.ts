import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";

export interface CatalogEntry {
  kind: "constraint" | "index";
  table: string;
  name: string;
  definition: string;
  validated: boolean;
  comment: string | null;
}

/**
 * Every constraint and index of the public schema as the catalog prints it (pg_get_constraintdef,
 * pg_get_indexdef), with validity and comment: equal snapshots mean identical objects.
 */
export async function catalogSnapshot(db: Database): Promise<CatalogEntry[]> {
  return queryRows<CatalogEntry & Record<string, unknown>>(
    db,
    sql`
      select 'constraint' as kind, c.conrelid::regclass::text as "table", c.conname as name,
             pg_get_constraintdef(c.oid) as definition, c.convalidated as validated,
             obj_description(c.oid, 'pg_constraint') as comment
      from pg_constraint c where c.connamespace = 'public'::regnamespace
      union all
      select 'index', i.indrelid::regclass::text, ic.relname::text, pg_get_indexdef(i.indexrelid),
             i.indisvalid, obj_description(i.indexrelid, 'pg_class')
      from pg_index i join pg_class ic on ic.oid = i.indexrelid
      where ic.relnamespace = 'public'::regnamespace
      order by 1, 2, 3`,
  );
}
