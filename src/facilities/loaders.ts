import type { Database } from "../db/client.ts";
import { groupLoader, mapLoader, pageLoader, rowLoader } from "../graphql/loaders.ts";
import {
  type DeploymentListParams,
  type FacilityListParams,
  getCapacityPhases,
  getCapacityPhasesByIds,
  getDeploymentPages,
  getDeploymentsByIds,
  getFacilitiesByIds,
  getFacilitiesBySlugs,
  getFacilityJurisdictions,
  getFacilityPagesByOperator,
} from "./queries.ts";

/** Per-request facility and deployment loaders. */
export function createFacilityLoaders(db: Database) {
  return {
    facilityById: rowLoader(
      (ids: readonly number[]) => getFacilitiesByIds(db, ids),
      (r) => r.id,
    ),
    facilityBySlug: rowLoader(
      (slugs: readonly string[]) => getFacilitiesBySlugs(db, slugs),
      (r) => r.slug,
    ),
    facilitiesByOperator: pageLoader((ids, params: FacilityListParams) =>
      getFacilityPagesByOperator(db, ids, params),
    ),
    capacityPhasesByFacility: groupLoader(
      (ids: readonly number[]) => getCapacityPhases(db, ids),
      (r) => r.facilityId,
    ),
    capacityPhaseById: rowLoader(
      (ids: readonly number[]) => getCapacityPhasesByIds(db, ids),
      (r) => r.id,
    ),
    jurisdictionsByFacility: mapLoader((ids: readonly number[]) => getFacilityJurisdictions(db, ids), []),
    deploymentById: rowLoader(
      (ids: readonly number[]) => getDeploymentsByIds(db, ids),
      (r) => r.id,
    ),
    deploymentsByFacility: pageLoader((ids, params: DeploymentListParams) =>
      getDeploymentPages(db, "facility", ids, params),
    ),
    deploymentsByChip: pageLoader((ids, params: DeploymentListParams) =>
      getDeploymentPages(db, "chip", ids, params),
    ),
  };
}
