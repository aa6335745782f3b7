import { and, type SQL, sql } from "drizzle-orm";
import { disclosures, vendors } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByParent, type Sort } from "../db/pagination.ts";
import { type Bounds, overlaps } from "../db/ranges.ts";

export type DisclosureRow = typeof disclosures.$inferSelect;

/** Criteria on disclosures (all must hold); vendor ids are database ids. */
export interface DisclosureFilter {
  vendorIds?: readonly number[] | null;
  vendorKind?: readonly (typeof vendors.$inferSelect)["kind"][] | null;
  metric?: readonly DisclosureRow["metric"][] | null;
  kind?: readonly DisclosureRow["kind"][] | null;
  /** Figures whose period shares at least one day with these bounds. */
  period?: Bounds<string> | null;
}

/** The columns disclosure lists can be sorted by, keyed by GraphQL order field. */
export const disclosureSortColumns = {
  PERIOD_END: disclosures.periodEnd,
  PERIOD_START: disclosures.periodStart,
  VALUE: disclosures.value,
  METRIC: disclosures.metric,
  CREATED_AT: disclosures.createdAt,
};

export interface DisclosureListParams {
  filter?: DisclosureFilter | null;
  sort: Sort;
  request: PageRequest;
}

export function disclosureWhere(filter: DisclosureFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.vendorIds == null ? undefined : anyId(disclosures.vendorId, filter.vendorIds),
    filter.vendorKind == null
      ? undefined
      : sql`${disclosures.vendorId} in (select ${vendors.id} from ${vendors} where ${anyOf(vendors.kind, filter.vendorKind)})`,
    anyOf(disclosures.metric, filter.metric),
    anyOf(disclosures.kind, filter.kind),
    overlaps(disclosures.periodStart, disclosures.periodEnd, filter.period),
  );
}

export function getDisclosures(db: Database, params: DisclosureListParams): Promise<Page<DisclosureRow>> {
  return pageOf(db, disclosures, {
    where: disclosureWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getDisclosuresByIds(db: Database, ids: readonly number[]): Promise<DisclosureRow[]> {
  return db.select().from(disclosures).where(anyId(disclosures.id, ids));
}

/** A page of disclosures per vendor id, in one statement. */
export function getDisclosurePagesByVendor(
  db: Database,
  vendorIds: readonly number[],
  params: DisclosureListParams,
): Promise<Map<number, Page<DisclosureRow>>> {
  return pagesByParent(db, disclosures, {
    parent: disclosures.vendorId,
    parentIds: vendorIds,
    where: disclosureWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}
