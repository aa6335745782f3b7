import { and, type SQL, sql } from "drizzle-orm";
import { capacityPhases, deployments, facilities, regulatoryEvents, vendors } from "../../schema/db/index.ts";
import { rowsByKeys } from "../db/by-key.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf, containsText, enumArray, inRange } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByParent, type Sort } from "../db/pagination.ts";
import { coversFacility, facilityJurisdictions } from "./jurisdictions.ts";

export type FacilityRow = typeof facilities.$inferSelect;
export type DeploymentRow = typeof deployments.$inferSelect;
type RegulatoryTopic = (typeof regulatoryEvents.$inferSelect)["topics"][number];
type RegulatoryStage = (typeof regulatoryEvents.$inferSelect)["stage"];

export interface NumberRange {
  min?: number | null;
  max?: number | null;
}

/** Criteria on facilities (all must hold); vendor ids are database ids. */
export interface FacilityFilter {
  country?: readonly string[] | null;
  subdivision?: readonly string[] | null;
  status?: readonly FacilityRow["status"][] | null;
  operatorIds?: readonly number[] | null;
  operatorKind?: readonly (typeof vendors.$inferSelect)["kind"][] | null;
  cooling?: readonly NonNullable<FacilityRow["cooling"]>[] | null;
  /** On the typical rack density. */
  rackDensityKw?: NumberRange | null;
  itPowerMw?: NumberRange | null;
  search?: string | null;
  /** Some regulatory event in the facility's jurisdictions has one of `topics` at one of `stages`. */
  regulatedBy?: {
    topics?: readonly RegulatoryTopic[] | null;
    stages?: readonly RegulatoryStage[] | null;
  } | null;
}

/** The columns facility lists can be sorted by, keyed by GraphQL order field. */
export const facilitySortColumns = {
  NAME: facilities.name,
  COUNTRY: facilities.country,
  IT_POWER_MW: facilities.itPowerMw,
  RACK_DENSITY_KW: facilities.rackDensityKwTypical,
  OPERATIONAL_ON: facilities.operationalOn,
};

/** The columns deployment lists can be sorted by, keyed by GraphQL order field. */
export const deploymentSortColumns = {
  AS_OF: deployments.asOf,
  ACCELERATOR_COUNT: deployments.acceleratorCount,
};

export interface FacilityListParams {
  filter?: FacilityFilter | null;
  sort: Sort;
  request: PageRequest;
}

export interface DeploymentListParams {
  sort: Sort;
  request: PageRequest;
}

function regulatedBy(criteria: FacilityFilter["regulatedBy"]): SQL | undefined {
  if (!criteria) return undefined;
  const conditions = and(
    coversFacility(regulatoryEvents.jurisdiction),
    criteria.topics == null
      ? undefined
      : sql`${regulatoryEvents.topics} && ${enumArray(criteria.topics, "regulatory_topic")}`,
    anyOf(regulatoryEvents.stage, criteria.stages),
  );
  return sql`exists (select 1 from ${regulatoryEvents} where ${conditions})`;
}

export function facilityWhere(filter: FacilityFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  const operatorKind =
    filter.operatorKind == null
      ? undefined
      : sql`${facilities.operatorId} in (select ${vendors.id} from ${vendors} where ${anyOf(vendors.kind, filter.operatorKind)})`;
  return and(
    anyOf(facilities.country, filter.country),
    anyOf(facilities.subdivision, filter.subdivision),
    anyOf(facilities.status, filter.status),
    anyOf(facilities.operatorId, filter.operatorIds),
    operatorKind,
    anyOf(facilities.cooling, filter.cooling),
    inRange(facilities.rackDensityKwTypical, filter.rackDensityKw),
    inRange(facilities.itPowerMw, filter.itPowerMw),
    containsText(facilities.name, filter.search),
    regulatedBy(filter.regulatedBy),
  );
}

export function getFacilities(db: Database, params: FacilityListParams): Promise<Page<FacilityRow>> {
  return pageOf(db, facilities, {
    where: facilityWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getFacilitiesByIds(db: Database, ids: readonly number[]): Promise<FacilityRow[]> {
  return rowsByKeys(db, facilities, facilities.id, "int", ids);
}

export function getFacilitiesBySlugs(db: Database, slugs: readonly string[]): Promise<FacilityRow[]> {
  return rowsByKeys(db, facilities, facilities.slug, "text", slugs);
}

/** A page of operated facilities per operator vendor id, in one statement. */
export function getFacilityPagesByOperator(
  db: Database,
  operatorIds: readonly number[],
  params: FacilityListParams,
): Promise<Map<number, Page<FacilityRow>>> {
  return pagesByParent(db, facilities, {
    parent: facilities.operatorId,
    parentIds: operatorIds,
    where: facilityWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

/** Each facility's jurisdictions (see jurisdictions.ts), keyed by facility id. */
export async function getFacilityJurisdictions(
  db: Database,
  facilityIds: readonly number[],
): Promise<Map<number, string[]>> {
  const rows = await db
    .select({ id: facilities.id, jurisdictions: facilityJurisdictions() })
    .from(facilities)
    .where(anyId(facilities.id, facilityIds));
  return new Map(rows.map((r) => [r.id, r.jurisdictions]));
}

export function getDeploymentsByIds(db: Database, ids: readonly number[]): Promise<DeploymentRow[]> {
  return rowsByKeys(db, deployments, deployments.id, "int", ids);
}

/** A page of deployments per facility or per chip, in one statement. */
export function getDeploymentPages(
  db: Database,
  by: "facility" | "chip",
  parentIds: readonly number[],
  params: DeploymentListParams,
): Promise<Map<number, Page<DeploymentRow>>> {
  return pagesByParent(db, deployments, {
    parent: by === "facility" ? deployments.facilityId : deployments.chipId,
    parentIds,
    sort: params.sort,
    request: params.request,
  });
}

export type CapacityPhaseRow = typeof capacityPhases.$inferSelect;

/** The capacity phases of the given facilities, oldest first (one statement). */
/** Capacity phases by id (node lookups). */
export function getCapacityPhasesByIds(db: Database, ids: readonly number[]): Promise<CapacityPhaseRow[]> {
  return db.select().from(capacityPhases).where(anyId(capacityPhases.id, ids));
}

export function getCapacityPhases(db: Database, facilityIds: readonly number[]): Promise<CapacityPhaseRow[]> {
  return db
    .select()
    .from(capacityPhases)
    .where(anyId(capacityPhases.facilityId, facilityIds))
    .orderBy(capacityPhases.facilityId, capacityPhases.effectiveOn);
}
