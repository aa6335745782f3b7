import { and, count, getTableColumns, getTableName, type SQL, Subquery, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./client.ts";
import { anyId } from "./filters.ts";

/**
 * Keyset (cursor) pagination over one table, for root lists and per-parent nested lists.
 *
 * Invariants:
 * - Order is (sort key, id) with NULL sort keys LAST in both directions and id in the key's
 *   direction as the tie-breaker, so the order is total and stable.
 * - A position is the sort key rendered as Postgres text (exact for numbers, dates, timestamps) plus
 *   the id; comparisons send that text untyped so the server parses it as the column's type.
 * - Never OFFSET: a page is "the next `size` rows strictly after/before a position".
 */

export type SortDirection = "ASC" | "DESC";

/** Where a row sits in an ordering: its sort key as Postgres text (null when the key is NULL) and its id. */
export interface Position {
  value: string | null;
  id: number;
}

/** A validated request for one page: `size` rows after `cursor`, or before it when `backward`. */
export interface PageRequest {
  size: number;
  backward: boolean;
  cursor: Position | null;
}

/** What a list is sorted by. */
export interface Sort {
  column: PgColumn;
  direction: SortDirection;
}

/** One page of rows in order, with each row's position (for cursors). */
export interface Page<Row> {
  rows: Row[];
  positions: Position[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Rows matching the filter over all pages; computed only when called (one statement, memoised). */
  totalCount: () => Promise<number>;
}

export interface TableWithId extends PgTable {
  id: PgColumn;
}

/**
 * ORDER BY terms for the forward order, or the reverse order when fetching backward. A nullable key
 * puts NULLs last in the forward order (first when fetching backward), which its (key, id) and
 * (key DESC NULLS LAST, id DESC NULLS LAST) indexes serve (id takes the key's NULLS placement so the
 * terms match the index exactly); a NOT NULL key keeps PostgreSQL's default placement, so one
 * (key, id) index is read in either direction.
 */
function orderTerms(sort: Sort, id: PgColumn, backward: boolean): SQL[] {
  const ascending = (sort.direction === "ASC") !== backward;
  const dir = sql.raw(ascending ? "asc" : "desc");
  const nulls = sort.column.notNull ? sql`` : sql.raw(backward ? " nulls first" : " nulls last");
  return [sql`${sort.column} ${dir}${nulls}`, sql`${id} ${dir}${nulls}`];
}

/**
 * The rows strictly beyond the cursor in fetch order, as one or two conditions that are each an
 * index range: `(key, id) > (v, i)` (a row comparison, so the index starts at the cursor) and, for a
 * nullable key, the NULL rows as their own range. The page is the first rows of the ranges in order;
 * no cursor is one unbounded range.
 */
function ranges(sort: Sort, id: PgColumn, request: PageRequest): (SQL | undefined)[] {
  const p = request.cursor;
  if (!p) return [undefined];
  const key = sort.column;
  const op = sql.raw((sort.direction === "ASC") !== request.backward ? ">" : "<");
  if (p.value !== null) {
    const range = sql`(${key}, ${id}) ${op} (${p.value}, ${p.id})`;
    return request.backward || key.notNull ? [range] : [range, sql`${key} is null`];
  }
  const nullRange = sql`(${key} is null and ${id} ${op} ${p.id})`;
  return request.backward ? [nullRange, sql`${key} is not null`] : [nullRange];
}

/**
 * The page's rows: per range, `select *, hs_part, hs_rank from table where scope and range order by
 * … limit size + 1`, so each range is read in order from an index and stops after the page; two
 * ranges are a UNION ALL of the two (each at most size + 1 rows: PostgreSQL does not merge ordered
 * UNION ALL branches, it would sort the whole table). Rows carry their range (hs_part) and their
 * rank in it (hs_rank, numbered over the index order: no Sort); `byFetchOrder` puts them in order.
 */
export function pageQuery(
  table: PgTable,
  id: PgColumn,
  scope: SQL | undefined,
  sort: Sort,
  request: PageRequest,
): SQL {
  const order = sql.join(orderTerms(sort, id, request.backward), sql`, `);
  const limit = sql.raw(String(request.size + 1));
  const select = (range: SQL | undefined, part: number) => {
    const where = and(scope, range);
    return sql`(select *, ${sql.raw(String(part))} as hs_part, row_number() over (order by ${order}) as hs_rank from ${table}${where ? sql` where ${where}` : sql``} order by ${order} limit ${limit})`;
  };
  return sql.join(
    ranges(sort, id, request).map((range, i) => select(range, i + 1)),
    sql` union all `,
  );
}

/** Fetched rows in fetch order: by range, then by rank within it. */
function byFetchOrder<Row extends Record<string, unknown>>(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => Number(a.hsPart) - Number(b.hsPart) || Number(a.hsRank) - Number(b.hsRank));
}

/** The page query's own columns, read from a FROM item named like the table (see pageFrom). */
function pageColumns(table: PgTable, sort: Sort) {
  const from = sql.identifier(getTableName(table));
  return {
    ...getTableColumns(table),
    hsSortKey: sql<string | null>`${sort.column}::text`.as("hs_sort_key"),
    hsPart: sql<number>`${from}.hs_part`.as("hs_part"),
    hsRank: sql<number>`${from}.hs_rank`.as("hs_rank"),
  };
}

/**
 * `body` as a FROM subquery named like the table, so the table's own Column objects select from it
 * (Drizzle decodes Column fields on its fast path; raw SQL fields cost several times more per cell).
 */
function pageFrom(table: PgTable, body: SQL): Subquery {
  return new Subquery(body, {}, getTableName(table));
}

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= f();
    return p;
  };
}

/** Turns fetched rows (up to size + 1, in fetch order) into a page in forward order. */
export function toPage<Row>(
  fetched: { row: Row; sortKey: string | null; id: number }[],
  request: PageRequest,
  totalCount: () => Promise<number>,
): Page<Row> {
  const more = fetched.length > request.size;
  const slice = fetched.slice(0, request.size);
  if (request.backward) slice.reverse();
  return {
    rows: slice.map((f) => f.row),
    positions: slice.map((f) => ({ value: f.sortKey, id: f.id })),
    hasNextPage: request.backward ? request.cursor !== null : more,
    hasPreviousPage: request.backward ? more : request.cursor !== null,
    totalCount: memo(totalCount),
  };
}

/** The statement pageOf runs (exported for EXPLAIN tests). */
export function pageStatement(
  db: Database,
  table: TableWithId,
  options: { where?: SQL; sort: Sort; request: PageRequest },
) {
  const { where, sort, request } = options;
  const page = pageQuery(table, table.id, where, sort, request);
  return db.select(pageColumns(table, sort)).from(pageFrom(table, page));
}

/** One page of `table` rows matching `where`: one statement, plus one for totalCount if asked. */
export async function pageOf<T extends TableWithId>(
  db: Database,
  table: T,
  options: { where?: SQL; sort: Sort; request: PageRequest },
): Promise<Page<T["$inferSelect"]>> {
  const { where, request } = options;
  const fetched = byFetchOrder((await pageStatement(db, table, options)) as Record<string, unknown>[]);
  const rows = fetched.map((f) => {
    const { hsSortKey, hsPart: _part, hsRank: _rank, ...row } = f;
    return { row: row as T["$inferSelect"], sortKey: hsSortKey as string | null, id: row.id as number };
  });
  return toPage(rows, request, () => countRows(db, table, where));
}

/** How many `table` rows match `where` (a root list's totalCount). */
export async function countRows(db: Database, table: PgTable, where: SQL | undefined): Promise<number> {
  const [r] = await db.select({ n: count() }).from(table).where(where);
  return r?.n ?? 0;
}

/** Which rows belong to a parent: a column of the paged table, or a many-to-many link table. */
export type ParentScope = { parent: PgColumn } | { link: Link };

/**
 * The statement for the pages of every parent at once (exported for EXPLAIN tests): for each
 * parent id (unnest), a LATERAL page query over that parent's rows, so each parent's page is read
 * from an index range of its own rows (never the whole child table). Rows come with hs_parent,
 * hs_part, hs_rank and hs_sort_key.
 */
export function parentPagesStatement(
  db: Database,
  table: TableWithId,
  options: ParentScope & { parentIds: readonly number[]; where?: SQL; sort: Sort; request: PageRequest },
) {
  const { parentIds, where, sort, request } = options;
  const parent = sql`hs_p.hs_parent`;
  const belongs =
    "link" in options
      ? sql`${table.id} in (select ${options.link.child} from ${options.link.table} where ${options.link.parent} = ${parent})`
      : sql`${options.parent} = ${parent}`;
  const page = pageQuery(table, table.id, and(belongs, where), sort, request);
  const ids = anyIdList(parentIds);
  return db
    .select({
      ...pageColumns(table, sort),
      hsParent: sql<number>`${sql.identifier(getTableName(table))}.hs_parent`,
    })
    .from(
      pageFrom(
        table,
        sql`select hs_p.hs_parent, ${table}.* from unnest(${ids}::int[]) as hs_p(hs_parent) cross join lateral (${page}) as ${table}`,
      ),
    );
}

/** Integer ids as one array-literal parameter (see anyId). */
function anyIdList(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new TypeError(`not an integer id: ${id}`);
  return `{${ids.join(",")}}`;
}

/**
 * One page per parent id of `table` rows whose `parent` column is that id, in ONE statement (a
 * LATERAL page per parent, read through an index on (parent, sort key, id) or on parent);
 * totalCount is one grouped count for all parents, run only if some page's totalCount is asked
 * for. Parents without rows get an empty page.
 */
export async function pagesByParent<T extends TableWithId>(
  db: Database,
  table: T,
  options: { parent: PgColumn; parentIds: readonly number[]; where?: SQL; sort: Sort; request: PageRequest },
): Promise<Map<number, Page<T["$inferSelect"]>>> {
  const { parent, parentIds, where, sort, request } = options;
  const ids = [...new Set(parentIds)];
  const fetched = ids.length
    ? await parentPagesStatement(db, table, { parent, parentIds: ids, where, sort, request })
    : [];
  const counts = memo(async () => {
    const rows = await db
      .select({ parent: sql<number>`${parent}`.mapWith(Number), n: count() })
      .from(table as PgTable)
      .where(and(anyId(parent, ids), where))
      .groupBy(parent);
    return new Map(rows.map((r) => [r.parent, r.n]));
  });
  return groupPages(ids, fetched as Record<string, unknown>[], request, counts);
}

/** Page rows (hs_parent, hs_part, hs_rank, hs_sort_key + the row's columns) → one page per parent id. */
function groupPages<Row>(
  parentIds: readonly number[],
  fetched: Record<string, unknown>[],
  request: PageRequest,
  counts: () => Promise<Map<number, number>>,
): Map<number, Page<Row>> {
  const grouped = new Map<number, { row: Row; sortKey: string | null; id: number }[]>();
  for (const id of parentIds) grouped.set(id, []);
  for (const f of byFetchOrder(fetched)) {
    const { hsPart: _part, hsRank: _rank, hsSortKey, hsParent, ...row } = f;
    grouped.get(Number(hsParent))?.push({
      row: row as Row,
      sortKey: hsSortKey as string | null,
      id: (row as { id: number }).id,
    });
  }
  const pages = new Map<number, Page<Row>>();
  for (const [id, rows] of grouped) {
    pages.set(
      id,
      toPage(rows, request, async () => (await counts()).get(id) ?? 0),
    );
  }
  return pages;
}

/** A many-to-many link table: `child` references the paged table's id, `parent` the parent's id. */
export interface Link {
  table: PgTable;
  parent: PgColumn;
  child: PgColumn;
}

/**
 * `pagesByParent` for a many-to-many relation (e.g. vendor → outages through outage_impacts): one
 * page per parent id of `table` rows linked to it, in ONE statement. A row linked to the same parent
 * several times (several link rows) appears once. totalCount as in pagesByParent.
 */
export async function pagesByLink<T extends TableWithId>(
  db: Database,
  table: T,
  options: { link: Link; parentIds: readonly number[]; where?: SQL; sort: Sort; request: PageRequest },
): Promise<Map<number, Page<T["$inferSelect"]>>> {
  const { link, parentIds, where, sort, request } = options;
  const ids = [...new Set(parentIds)];
  const fetched = ids.length
    ? await parentPagesStatement(db, table, { link, parentIds: ids, where, sort, request })
    : [];
  const links = db
    .selectDistinct({
      parent: sql<number>`${link.parent}`.as("hs_link_parent"),
      child: sql<number>`${link.child}`.as("hs_link_child"),
    })
    .from(link.table)
    .where(anyId(link.parent, ids))
    .as("hs_link");
  const counts = memo(async () => {
    const rows = await db
      .select({ parent: sql<number>`${links.parent}`.mapWith(Number), n: count() })
      .from(table as PgTable)
      .innerJoin(links, sql`${links.child} = ${table.id}`)
      .where(where)
      .groupBy(links.parent);
    return new Map(rows.map((r) => [r.parent, r.n]));
  });
  return groupPages(ids, fetched as Record<string, unknown>[], request, counts);
}
