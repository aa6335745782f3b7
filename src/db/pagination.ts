import { and, asc, count, desc, getTableColumns, type SQL, sql } from "drizzle-orm";
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

interface TableWithId extends PgTable {
  id: PgColumn;
}

/** Rows strictly after `p` in the forward order of `sort` (or strictly before it). */
function beyond(sort: Sort, id: PgColumn, p: Position, side: "after" | "before"): SQL {
  const key = sort.column;
  const forward = (sort.direction === "ASC") === (side === "after");
  const op = sql.raw(forward ? ">" : "<");
  if (side === "after") {
    return p.value === null
      ? sql`(${key} is null and ${id} ${op} ${p.id})`
      : sql`(${key} is null or ${key} ${op} ${p.value} or (${key} = ${p.value} and ${id} ${op} ${p.id}))`;
  }
  return p.value === null
    ? sql`(${key} is not null or ${id} ${op} ${p.id})`
    : sql`(${key} is not null and (${key} ${op} ${p.value} or (${key} = ${p.value} and ${id} ${op} ${p.id})))`;
}

/** ORDER BY terms for the forward order, or the reverse order when fetching backward. */
function orderTerms(sort: Sort, id: PgColumn, backward: boolean): SQL[] {
  const ascending = (sort.direction === "ASC") !== backward;
  const dir = ascending ? asc : desc;
  return [
    backward ? sql`${sort.column} is null desc` : sql`${sort.column} is null`,
    dir(sort.column),
    dir(id),
  ];
}

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= f();
    return p;
  };
}

/** Turns fetched rows (up to size + 1, in fetch order) into a page in forward order. */
function toPage<Row>(
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

function cursorCondition(table: TableWithId, sort: Sort, request: PageRequest): SQL | undefined {
  if (!request.cursor) return undefined;
  return beyond(sort, table.id, request.cursor, request.backward ? "before" : "after");
}

/** One page of `table` rows matching `where`: one statement, plus one for totalCount if asked. */
export async function pageOf<T extends TableWithId>(
  db: Database,
  table: T,
  options: { where?: SQL; sort: Sort; request: PageRequest },
): Promise<Page<T["$inferSelect"]>> {
  const { where, sort, request } = options;
  const fetched = await db
    .select({ row: table as PgTable, sortKey: sql<string | null>`${sort.column}::text` })
    .from(table as PgTable)
    .where(and(where, cursorCondition(table, sort, request)))
    .orderBy(...orderTerms(sort, table.id, request.backward))
    .limit(request.size + 1);
  const rows = fetched.map((f) => {
    const row = f.row as T["$inferSelect"];
    return { row, sortKey: f.sortKey, id: (row as { id: number }).id };
  });
  return toPage(rows, request, async () => {
    const [r] = await db
      .select({ n: count() })
      .from(table as PgTable)
      .where(where);
    return r?.n ?? 0;
  });
}

/**
 * One page per parent id of `table` rows whose `parent` column is that id, in ONE statement
 * (row_number() over (partition by parent …)); totalCount is one grouped count for all parents,
 * run only if some page's totalCount is asked for. Parents without rows get an empty page.
 */
export async function pagesByParent<T extends TableWithId>(
  db: Database,
  table: T,
  options: { parent: PgColumn; parentIds: readonly number[]; where?: SQL; sort: Sort; request: PageRequest },
): Promise<Map<number, Page<T["$inferSelect"]>>> {
  const { parent, parentIds, where, sort, request } = options;
  const ids = [...new Set(parentIds)];
  const scope = and(anyId(parent, ids), where);
  const rank = sql`row_number() over (partition by ${parent} order by ${sql.join(orderTerms(sort, table.id, request.backward), sql`, `)})`;
  const ranked = db
    .select({
      ...getTableColumns(table as PgTable),
      hsRank: sql<number>`${rank}`.as("hs_rank"),
      hsSortKey: sql<string | null>`${sort.column}::text`.as("hs_sort_key"),
      hsParent: sql<number>`${parent}`.as("hs_parent"),
    })
    .from(table as PgTable)
    .where(and(scope, cursorCondition(table, sort, request)))
    .as("hs_ranked");
  const fetched = ids.length
    ? await db
        .select()
        .from(ranked)
        .where(sql`${ranked.hsRank} <= ${request.size + 1}`)
        .orderBy(ranked.hsParent, ranked.hsRank)
    : [];
  const counts = memo(async () => {
    const rows = await db
      .select({ parent: sql<number>`${parent}`.mapWith(Number), n: count() })
      .from(table as PgTable)
      .where(scope)
      .groupBy(parent);
    return new Map(rows.map((r) => [r.parent, r.n]));
  });
  return groupPages(ids, fetched as Record<string, unknown>[], request, counts);
}

/** Ranked rows (hs_parent, hs_rank, hs_sort_key + the row's columns) → one page per parent id. */
function groupPages<Row>(
  parentIds: readonly number[],
  fetched: Record<string, unknown>[],
  request: PageRequest,
  counts: () => Promise<Map<number, number>>,
): Map<number, Page<Row>> {
  const grouped = new Map<number, { row: Row; sortKey: string | null; id: number }[]>();
  for (const id of parentIds) grouped.set(id, []);
  for (const f of fetched) {
    const { hsRank: _rank, hsSortKey, hsParent, ...row } = f;
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
  const links = db
    .selectDistinct({
      parent: sql<number>`${link.parent}`.as("hs_link_parent"),
      child: sql<number>`${link.child}`.as("hs_link_child"),
    })
    .from(link.table)
    .where(anyId(link.parent, ids))
    .as("hs_link");
  const joined = sql`${links.child} = ${table.id}`;
  const rank = sql`row_number() over (partition by ${links.parent} order by ${sql.join(orderTerms(sort, table.id, request.backward), sql`, `)})`;
  const ranked = db
    .select({
      ...getTableColumns(table as PgTable),
      hsRank: sql<number>`${rank}`.as("hs_rank"),
      hsSortKey: sql<string | null>`${sort.column}::text`.as("hs_sort_key"),
      hsParent: sql<number>`${links.parent}`.as("hs_parent"),
    })
    .from(table as PgTable)
    .innerJoin(links, joined)
    .where(and(where, cursorCondition(table, sort, request)))
    .as("hs_ranked");
  const fetched = ids.length
    ? await db
        .select()
        .from(ranked)
        .where(sql`${ranked.hsRank} <= ${request.size + 1}`)
        .orderBy(ranked.hsParent, ranked.hsRank)
    : [];
  const counts = memo(async () => {
    const rows = await db
      .select({ parent: sql<number>`${links.parent}`.mapWith(Number), n: count() })
      .from(table as PgTable)
      .innerJoin(links, joined)
      .where(where)
      .groupBy(links.parent);
    return new Map(rows.map((r) => [r.parent, r.n]));
  });
  return groupPages(ids, fetched as Record<string, unknown>[], request, counts);
}
