import { type ExtraConfigColumn, type IndexBuilder, index } from "drizzle-orm/pg-core";

type Column = Partial<ExtraConfigColumn>;

/**
 * Indexes that serve keyset pages in every ordering (src/db/pagination.ts orders by `key, id` with a
 * nullable key's NULLs last, and reads a page as a row-comparison range):
 * - per sort column, (prefix, key, id): read forward or backward it serves both directions of a
 *   NOT NULL key, and ASC NULLS LAST (and its reverse) of a nullable one;
 * - a nullable key also gets (prefix, key DESC NULLS LAST, id DESC) for the DESC order.
 * `prefix` is the parent column of nested pages (each parent's page is a range of its own rows) or
 * an equality filter analysts use often. Keep the key lists in step with the `…SortColumns` of the
 * query modules: test/db/page-plans.test.ts EXPLAINs every ordering.
 */
export function orderingIndexes(
  table: string,
  id: ExtraConfigColumn,
  keys: ExtraConfigColumn[],
  prefix?: ExtraConfigColumn,
): IndexBuilder[] {
  return keys.flatMap((key) => {
    const stem = [table, ...(prefix ? [prefix.name] : []), key.name].join("_");
    // .desc()/.nullsLast() configure the column for the next .on() only (Drizzle copies and resets).
    const on = (name: string, ...columns: Column[]) =>
      index(name).on(...((prefix ? [prefix, ...columns] : columns) as [Column, ...Column[]]));
    const ascending = on(`${stem}_order_idx`, key, id);
    if (key.notNull) return [ascending];
    return [ascending, on(`${stem}_desc_order_idx`, key.desc().nullsLast(), id.desc())];
  });
}
