import type { Database } from "../db/client.ts";
import { groupLoader, pageLoader, rowLoader } from "../graphql/loaders.ts";
import {
  getNamedFacilities,
  getNamedVendors,
  getRegulatoryEventPagesBySubject,
  getRegulatoryEventsByIds,
  getRegulatoryEventsBySlugs,
  type RegulatoryEventListParams,
} from "./queries.ts";

/** Per-request regulatory event loaders. */
export function createRegulationLoaders(db: Database) {
  return {
    regulatoryEventById: rowLoader(
      (ids: readonly number[]) => getRegulatoryEventsByIds(db, ids),
      (r) => r.id,
    ),
    regulatoryEventBySlug: rowLoader(
      (slugs: readonly string[]) => getRegulatoryEventsBySlugs(db, slugs),
      (r) => r.slug,
    ),
    vendorsNamedByEvent: groupLoader(
      (ids: readonly number[]) => getNamedVendors(db, ids),
      (r) => r.eventId,
    ),
    facilitiesNamedByEvent: groupLoader(
      (ids: readonly number[]) => getNamedFacilities(db, ids),
      (r) => r.eventId,
    ),
    regulatoryEventsByVendor: pageLoader((ids, params: RegulatoryEventListParams) =>
      getRegulatoryEventPagesBySubject(db, "vendor", ids, params),
    ),
    regulatoryEventsByFacility: pageLoader((ids, params: RegulatoryEventListParams) =>
      getRegulatoryEventPagesBySubject(db, "facility", ids, params),
    ),
  };
}
