import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { citationTables, sources } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf, containsText } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, type Sort } from "../db/pagination.ts";
import { queryRows } from "../db/rows.ts";

export type SourceRow = typeof sources.$inferSelect;
/** A kind of fact that cites sources: the keys of citationTables (vendor, chip, facility, ...). */
export type CitedEntity = keyof typeof citationTables;

export interface SourceFilter {
  publisher?: readonly string[] | null;
  search?: string | null;
}

/** The columns source lists can be sorted by, keyed by GraphQL order field. */
export const sourceSortColumns = {
  TITLE: sources.title,
  PUBLISHER: sources.publisher,
  PUBLISHED_ON: sources.publishedOn,
};

export interface SourceListParams {
  filter?: SourceFilter | null;
  sort: Sort;
  request: PageRequest;
}

export function sourceWhere(filter: SourceFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(anyOf(sources.publisher, filter.publisher), containsText(sources.title, filter.search));
}

export function getSources(db: Database, params: SourceListParams): Promise<Page<SourceRow>> {
  return pageOf(db, sources, {
    where: sourceWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getSourcesByIds(db: Database, ids: readonly number[]): Promise<SourceRow[]> {
  return db.select().from(sources).where(anyId(sources.id, ids));
}

export function getSourcesByUrls(db: Database, urls: readonly string[]): Promise<SourceRow[]> {
  return db
    .select()
    .from(sources)
    .where(inArray(sources.url, [...urls]));
}

export interface CitationRow {
  subjectId: number;
  locator: string | null;
  source: SourceRow;
}

/** The citations of facts of one kind, with their sources, in one statement (ordered by source title). */
export function getCitations(
  db: Database,
  entity: CitedEntity,
  subjectIds: readonly number[],
): Promise<CitationRow[]> {
  const t = citationTables[entity];
  return db
    .select({ subjectId: t.subjectId, locator: t.locator, source: sources })
    .from(t)
    .innerJoin(sources, eq(sources.id, t.sourceId))
    .where(anyId(t.subjectId, subjectIds))
    .orderBy(t.subjectId, sources.title, sources.id);
}

export interface CitationCountRow {
  sourceId: number;
  entity: CitedEntity;
  count: number;
}

/** How many facts of each kind cite each source: one statement over every citation table. */
export async function getCitationCounts(
  db: Database,
  sourceIds: readonly number[],
): Promise<CitationCountRow[]> {
  if (sourceIds.length === 0) return [];
  const parts = Object.entries(citationTables).map(
    ([entity, t]) =>
      sql`select ${t.sourceId} as source_id, ${entity}::text as entity, count(*)::int as n from ${t} where ${anyId(t.sourceId, sourceIds)} group by ${t.sourceId}`,
  );
  const rows = await queryRows<{ source_id: number; entity: CitedEntity; n: number }>(
    db,
    sql`${sql.join(parts, sql` union all `)} order by 1, 2`,
  );
  return rows.map((r) => ({ sourceId: Number(r.source_id), entity: r.entity, count: Number(r.n) }));
}
