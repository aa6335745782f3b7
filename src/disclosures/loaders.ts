import type { Database } from "../db/client.ts";
import { pageLoader, rowLoader } from "../graphql/loaders.ts";
import { type DisclosureListParams, getDisclosurePagesByVendor, getDisclosuresByIds } from "./queries.ts";

/** Per-request disclosure loaders. */
export function createDisclosureLoaders(db: Database) {
  return {
    disclosureById: rowLoader(
      (ids: readonly number[]) => getDisclosuresByIds(db, ids),
      (r) => r.id,
    ),
    disclosuresByVendor: pageLoader((ids, params: DisclosureListParams) =>
      getDisclosurePagesByVendor(db, ids, params),
    ),
  };
}
