import type { Database } from "../db/client.ts";
import { groupLoader, pageLoader, rowLoader } from "../graphql/loaders.ts";
import {
  getOutageImpacts,
  getOutagePagesBySubject,
  getOutagesByIds,
  getOutagesBySlugs,
  type OutageListParams,
} from "./queries.ts";

/** Per-request outage loaders. */
export function createOutageLoaders(db: Database) {
  return {
    outageById: rowLoader(
      (ids: readonly number[]) => getOutagesByIds(db, ids),
      (r) => r.id,
    ),
    outageBySlug: rowLoader(
      (slugs: readonly string[]) => getOutagesBySlugs(db, slugs),
      (r) => r.slug,
    ),
    impactsByOutage: groupLoader(
      (ids: readonly number[]) => getOutageImpacts(db, ids),
      (r) => r.outageId,
    ),
    outagesByVendor: pageLoader((ids, params: OutageListParams) =>
      getOutagePagesBySubject(db, "vendor", ids, params),
    ),
    outagesByFacility: pageLoader((ids, params: OutageListParams) =>
      getOutagePagesBySubject(db, "facility", ids, params),
    ),
  };
}
