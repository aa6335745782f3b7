import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { facilities, regulatoryEventSubjects, regulatoryEvents, vendors } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf, containsText, enumArray } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByLink, type Sort } from "../db/pagination.ts";
import { type Bounds, within } from "../db/ranges.ts";

export type RegulatoryEventRow = typeof regulatoryEvents.$inferSelect;
type VendorRow = typeof vendors.$inferSelect;
type FacilityRow = typeof facilities.$inferSelect;

/** Criteria on regulatory events (all must hold); vendor and facility ids are database ids. */
export interface RegulatoryEventFilter {
  /** Jurisdiction codes as stored: a code matches only itself (no subdivision/union expansion). */
  jurisdiction?: readonly string[] | null;
  /** Events about any of these topics. */
  topics?: readonly RegulatoryEventRow["topics"][number][] | null;
  stage?: readonly RegulatoryEventRow["stage"][] | null;
  instrument?: readonly RegulatoryEventRow["instrument"][] | null;
  announcedOn?: Bounds<string> | null;
  /** Events naming one of these vendors / facilities. */
  vendorIds?: readonly number[] | null;
  facilityIds?: readonly number[] | null;
  search?: string | null;
}

/** The columns regulatory event lists can be sorted by, keyed by GraphQL order field. */
export const regulatoryEventSortColumns = {
  ANNOUNCED_ON: regulatoryEvents.announcedOn,
  EFFECTIVE_ON: regulatoryEvents.effectiveOn,
  TITLE: regulatoryEvents.title,
  JURISDICTION: regulatoryEvents.jurisdiction,
  CREATED_AT: regulatoryEvents.createdAt,
};

export interface RegulatoryEventListParams {
  filter?: RegulatoryEventFilter | null;
  sort: Sort;
  request: PageRequest;
}

/** The event names a subject satisfying `condition`. */
function namesWhere(condition: SQL): SQL {
  return sql`exists (select 1 from ${regulatoryEventSubjects} where ${regulatoryEventSubjects.eventId} = ${regulatoryEvents.id} and ${condition})`;
}

export function regulatoryEventWhere(filter: RegulatoryEventFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    anyOf(regulatoryEvents.jurisdiction, filter.jurisdiction),
    filter.topics == null
      ? undefined
      : sql`${regulatoryEvents.topics} && ${enumArray(filter.topics, "regulatory_topic")}`,
    anyOf(regulatoryEvents.stage, filter.stage),
    anyOf(regulatoryEvents.instrument, filter.instrument),
    within(regulatoryEvents.announcedOn, filter.announcedOn),
    filter.vendorIds == null
      ? undefined
      : namesWhere(anyId(regulatoryEventSubjects.vendorId, filter.vendorIds)),
    filter.facilityIds == null
      ? undefined
      : namesWhere(anyId(regulatoryEventSubjects.facilityId, filter.facilityIds)),
    containsText(regulatoryEvents.title, filter.search),
  );
}

export function getRegulatoryEvents(
  db: Database,
  params: RegulatoryEventListParams,
): Promise<Page<RegulatoryEventRow>> {
  return pageOf(db, regulatoryEvents, {
    where: regulatoryEventWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getRegulatoryEventsByIds(
  db: Database,
  ids: readonly number[],
): Promise<RegulatoryEventRow[]> {
  return db.select().from(regulatoryEvents).where(anyId(regulatoryEvents.id, ids));
}

export function getRegulatoryEventsBySlugs(
  db: Database,
  slugs: readonly string[],
): Promise<RegulatoryEventRow[]> {
  return db
    .select()
    .from(regulatoryEvents)
    .where(inArray(regulatoryEvents.slug, [...slugs]));
}

/** The vendors each event names, by name then id. */
export function getNamedVendors(
  db: Database,
  eventIds: readonly number[],
): Promise<{ eventId: number; vendor: VendorRow }[]> {
  return db
    .select({ eventId: regulatoryEventSubjects.eventId, vendor: vendors })
    .from(regulatoryEventSubjects)
    .innerJoin(vendors, eq(vendors.id, regulatoryEventSubjects.vendorId))
    .where(anyId(regulatoryEventSubjects.eventId, eventIds))
    .orderBy(asc(regulatoryEventSubjects.eventId), asc(vendors.name), asc(vendors.id));
}

/** The facilities each event names, by name then id. */
export function getNamedFacilities(
  db: Database,
  eventIds: readonly number[],
): Promise<{ eventId: number; facility: FacilityRow }[]> {
  return db
    .select({ eventId: regulatoryEventSubjects.eventId, facility: facilities })
    .from(regulatoryEventSubjects)
    .innerJoin(facilities, eq(facilities.id, regulatoryEventSubjects.facilityId))
    .where(anyId(regulatoryEventSubjects.eventId, eventIds))
    .orderBy(asc(regulatoryEventSubjects.eventId), asc(facilities.name), asc(facilities.id));
}

/** A page of the events naming each vendor or facility id, in one statement. */
export function getRegulatoryEventPagesBySubject(
  db: Database,
  by: "vendor" | "facility",
  subjectIds: readonly number[],
  params: RegulatoryEventListParams,
): Promise<Map<number, Page<RegulatoryEventRow>>> {
  return pagesByLink(db, regulatoryEvents, {
    link: {
      table: regulatoryEventSubjects,
      parent: by === "vendor" ? regulatoryEventSubjects.vendorId : regulatoryEventSubjects.facilityId,
      child: regulatoryEventSubjects.eventId,
    },
    parentIds: subjectIds,
    where: regulatoryEventWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}
