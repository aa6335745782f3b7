import { and, type SQL } from "drizzle-orm";
import { marketShares } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByParent, type Sort } from "../db/pagination.ts";
import { contains } from "../db/ranges.ts";

/** Queries on market shares (a vendor's share of a segment in a period). */

export type MarketShareRow = typeof marketShares.$inferSelect;

/** Criteria on market shares (all must hold); vendor ids are database ids. */
export interface MarketShareFilter {
  segment?: readonly string[] | null;
  vendorIds?: readonly number[] | null;
  /** Shares whose period contains this day (YYYY-MM-DD). */
  containing?: string | null;
  basis?: readonly string[] | null;
}

/** The columns market share lists can be sorted by, keyed by GraphQL order field. */
export const marketShareSortColumns = {
  PERIOD_END: marketShares.periodEnd,
  SHARE: marketShares.share,
  VALUE: marketShares.value,
  SEGMENT: marketShares.segment,
  CREATED_AT: marketShares.createdAt,
};

export interface MarketShareListParams {
  filter?: MarketShareFilter | null;
  sort: Sort;
  request: PageRequest;
}

export function marketShareWhere(filter: MarketShareFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    anyOf(marketShares.segment, filter.segment),
    filter.vendorIds == null ? undefined : anyId(marketShares.vendorId, filter.vendorIds),
    contains(marketShares.periodStart, marketShares.periodEnd, filter.containing),
    anyOf(marketShares.basis, filter.basis),
  );
}

export function getMarketShares(db: Database, params: MarketShareListParams): Promise<Page<MarketShareRow>> {
  return pageOf(db, marketShares, {
    where: marketShareWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getMarketSharesByIds(db: Database, ids: readonly number[]): Promise<MarketShareRow[]> {
  return db.select().from(marketShares).where(anyId(marketShares.id, ids));
}

/** A page of market shares per vendor id, in one statement. */
export function getMarketSharePagesByVendor(
  db: Database,
  vendorIds: readonly number[],
  params: MarketShareListParams,
): Promise<Map<number, Page<MarketShareRow>>> {
  return pagesByParent(db, marketShares, {
    parent: marketShares.vendorId,
    parentIds: vendorIds,
    where: marketShareWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}
