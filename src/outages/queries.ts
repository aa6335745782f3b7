import { and, asc, inArray, type SQL, sql } from "drizzle-orm";
import { outageImpacts, outages, vendors } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf, containsText, inRange } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByLink, type Sort } from "../db/pagination.ts";
import { type Bounds, within } from "../db/ranges.ts";

export type OutageRow = typeof outages.$inferSelect;
export type OutageImpactRow = typeof outageImpacts.$inferSelect;
type VendorKind = (typeof vendors.$inferSelect)["kind"];

/** Criteria on outages (all must hold); vendor and facility ids are database ids. */
export interface OutageFilter {
  severity?: { min: number | null; max: number | null } | null;
  cause?: readonly OutageRow["cause"][] | null;
  startedAt?: Bounds<Date> | null;
  /** Outages with an impact on one of these vendors. */
  vendorIds?: readonly number[] | null;
  /** Outages with an impact on a vendor of one of these kinds. */
  vendorKind?: readonly VendorKind[] | null;
  facilityIds?: readonly number[] | null;
  region?: readonly string[] | null;
  search?: string | null;
}

/** The columns outage lists can be sorted by, keyed by GraphQL order field. */
export const outageSortColumns = {
  STARTED_AT: outages.startedAt,
  SEVERITY: outages.severity,
  TITLE: outages.title,
  CREATED_AT: outages.createdAt,
};

export interface OutageListParams {
  filter?: OutageFilter | null;
  sort: Sort;
  request: PageRequest;
}

/** The outage has an impact row satisfying `condition`. */
function hitWhere(condition: SQL | undefined): SQL {
  return sql`exists (select 1 from ${outageImpacts} where ${outageImpacts.outageId} = ${outages.id} and ${condition})`;
}

export function outageWhere(filter: OutageFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  const impactedKind =
    filter.vendorKind == null
      ? undefined
      : sql`${outageImpacts.vendorId} in (select ${vendors.id} from ${vendors} where ${anyOf(vendors.kind, filter.vendorKind)})`;
  return and(
    inRange(outages.severity, filter.severity),
    anyOf(outages.cause, filter.cause),
    within(outages.startedAt, filter.startedAt),
    filter.vendorIds == null ? undefined : hitWhere(anyId(outageImpacts.vendorId, filter.vendorIds)),
    impactedKind && hitWhere(impactedKind),
    filter.facilityIds == null ? undefined : hitWhere(anyId(outageImpacts.facilityId, filter.facilityIds)),
    filter.region == null ? undefined : hitWhere(anyOf(outageImpacts.region, filter.region)),
    containsText(outages.title, filter.search),
  );
}

export function getOutages(db: Database, params: OutageListParams): Promise<Page<OutageRow>> {
  return pageOf(db, outages, {
    where: outageWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getOutagesByIds(db: Database, ids: readonly number[]): Promise<OutageRow[]> {
  return db.select().from(outages).where(anyId(outages.id, ids));
}

export function getOutagesBySlugs(db: Database, slugs: readonly string[]): Promise<OutageRow[]> {
  return db
    .select()
    .from(outages)
    .where(inArray(outages.slug, [...slugs]));
}

/** The impacts of each outage, in recorded order. */
export function getOutageImpacts(db: Database, outageIds: readonly number[]): Promise<OutageImpactRow[]> {
  return db
    .select()
    .from(outageImpacts)
    .where(anyId(outageImpacts.outageId, outageIds))
    .orderBy(asc(outageImpacts.outageId), asc(outageImpacts.id));
}

/** A page of outages per impacted vendor or facility id, in one statement (an outage counts once per subject). */
export function getOutagePagesBySubject(
  db: Database,
  by: "vendor" | "facility",
  subjectIds: readonly number[],
  params: OutageListParams,
): Promise<Map<number, Page<OutageRow>>> {
  return pagesByLink(db, outages, {
    link: {
      table: outageImpacts,
      parent: by === "vendor" ? outageImpacts.vendorId : outageImpacts.facilityId,
      child: outageImpacts.outageId,
    },
    parentIds: subjectIds,
    where: outageWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

/** endedAt − startedAt in minutes; null while the outage has no recorded end. */
export function outageDurationMinutes(row: Pick<OutageRow, "startedAt" | "endedAt">): number | null {
  return row.endedAt ? (row.endedAt.getTime() - row.startedAt.getTime()) / 60_000 : null;
}
