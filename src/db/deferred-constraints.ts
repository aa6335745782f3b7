import type { BulkSession } from "./bulk.ts";

/**
 * Bulk-load technique of pg_restore, confined to one transaction: the foreign keys and secondary
 * (non-unique, non-constraint) indexes of the tables being loaded are dropped before the load and
 * re-created afterwards from their catalog definitions (pg_get_constraintdef / pg_get_indexdef), with
 * the same names and comments. Re-adding a foreign key validates every row of the table in one bulk
 * join instead of one lookup per row; building an index once is cheaper than maintaining it per row.
 *
 * Invariants:
 * - `session` is one transaction (BulkSession). If the load or the re-validation fails, the error
 *   propagates and the transaction rolls back, dropped objects included: nothing unvalidated is ever
 *   committed, and no other transaction ever sees the tables without their constraints.
 * - Primary keys, UNIQUE, CHECK, NOT NULL and exclusion constraints (and the indexes behind them)
 *   stay in force during the load; triggers are not touched.
 * - The tables and the tables their foreign keys reference are locked ACCESS EXCLUSIVE (dropping a
 *   foreign key needs that on both), so readers of them wait until the transaction ends.
 */

/** One dropped object: the statement that dropped it and the statements that restore it. */
interface Deferred {
  drop: string;
  restore: string[];
}

/** `'a', 'b'` as a regclass[] literal; names are quoted as SQL string literals. */
const regclasses = (tables: readonly string[]) =>
  `array[${tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ")}]::regclass[]`;

/** Foreign keys owned by the tables (not inherited from a partitioned parent). */
const foreignKeysSql = (tables: readonly string[]) => `
  select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname) as drop,
         format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname,
                pg_get_constraintdef(c.oid)) as create,
         case when obj_description(c.oid, 'pg_constraint') is not null then
           format('comment on constraint %I on %s is %L', c.conname, c.conrelid::regclass,
                  obj_description(c.oid, 'pg_constraint')) end as comment
  from pg_constraint c
  where c.contype = 'f' and c.conparentid = 0 and c.conrelid = any(${regclasses(tables)})
  order by c.conrelid::regclass::text, c.conname`;

/**
 * Secondary indexes: not unique, not backing a constraint, valid, not CLUSTERed, in the default
 * tablespace (pg_get_indexdef does not carry the tablespace) — everything else stays.
 */
const indexesSql = (tables: readonly string[]) => `
  select format('drop index %s', i.indexrelid::regclass) as drop,
         pg_get_indexdef(i.indexrelid) as create,
         case when obj_description(i.indexrelid, 'pg_class') is not null then
           format('comment on index %s is %L', i.indexrelid::regclass,
                  obj_description(i.indexrelid, 'pg_class')) end as comment
  from pg_index i join pg_class ic on ic.oid = i.indexrelid
  where i.indrelid = any(${regclasses(tables)})
    and not i.indisunique and not i.indisclustered and i.indisvalid and i.indisready
    and ic.reltablespace = 0
    and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
  order by i.indrelid::regclass::text, ic.relname`;

type CatalogRow = { drop: string; create: string; comment: string | null };
const deferred = (rows: CatalogRow[]): Deferred[] =>
  rows.map((r) => ({ drop: r.drop, restore: r.comment ? [r.create, r.comment] : [r.create] }));

/**
 * Runs `load` with the foreign keys and secondary indexes of `tables` dropped, then re-creates the
 * indexes and re-adds (re-validates) the foreign keys. Throws, leaving the transaction to roll back,
 * if `load` throws or any row violates a foreign key. `tables` are names as written in SQL.
 */
export async function withDeferredConstraints<T>(
  session: BulkSession,
  tables: readonly string[],
  load: () => Promise<T>,
  options: { maintenanceWorkMem?: string } = {},
): Promise<T> {
  // Lock first so the definitions read below cannot change before they are dropped.
  const [locks] = await session.query<{ referenced: string[] | null }>(
    `select array_agg(distinct confrelid::regclass::text) as referenced from pg_constraint
     where contype = 'f' and conrelid = any(${regclasses(tables)})`,
  );
  const toLock = [...new Set([...tables, ...(locks?.referenced ?? [])])];
  await session.query(`lock table ${toLock.join(", ")} in access exclusive mode`);

  const foreignKeys = deferred(await session.query<CatalogRow>(foreignKeysSql(tables)));
  const indexes = deferred(await session.query<CatalogRow>(indexesSql(tables)));
  for (const object of [...foreignKeys, ...indexes]) await session.query(object.drop);

  const result = await load();

  if (options.maintenanceWorkMem) {
    // Index builds and foreign-key validation (which runs with work_mem = maintenance_work_mem).
    const mem = options.maintenanceWorkMem.replace(/'/g, "''");
    await session.query(`set local maintenance_work_mem = '${mem}'`);
  }
  // Indexes first, as pg_restore does; then each foreign key checks all its rows in one query.
  for (const object of [...indexes, ...foreignKeys]) {
    for (const statement of object.restore) await session.query(statement);
  }
  return result;
}
