import type { Database } from "../db/client.ts";
import { pageLoader, rowLoader } from "../graphql/loaders.ts";
import { getSubsidiaryPages, getVendorsByIds, getVendorsBySlugs, type VendorListParams } from "./queries.ts";

/** Per-request vendor loaders. */
export function createVendorLoaders(db: Database) {
  return {
    vendorById: rowLoader(
      (ids: readonly number[]) => getVendorsByIds(db, ids),
      (r) => r.id,
    ),
    vendorBySlug: rowLoader(
      (slugs: readonly string[]) => getVendorsBySlugs(db, slugs),
      (r) => r.slug,
    ),
    subsidiaries: pageLoader((ids, params: VendorListParams) => getSubsidiaryPages(db, ids, params)),
  };
}
