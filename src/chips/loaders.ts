import type { Database } from "../db/client.ts";
import { pageLoader, rowLoader } from "../graphql/loaders.ts";
import { type ChipListParams, getChipPagesByVendor, getChipsByIds, getChipsBySlugs } from "./queries.ts";

/** Per-request chip loaders. */
export function createChipLoaders(db: Database) {
  return {
    chipById: rowLoader(
      (ids: readonly number[]) => getChipsByIds(db, ids),
      (r) => r.id,
    ),
    chipBySlug: rowLoader(
      (slugs: readonly string[]) => getChipsBySlugs(db, slugs),
      (r) => r.slug,
    ),
    chipsByDesigner: pageLoader((ids, params: ChipListParams) =>
      getChipPagesByVendor(db, "designer", ids, params),
    ),
    chipsByFoundry: pageLoader((ids, params: ChipListParams) =>
      getChipPagesByVendor(db, "foundry", ids, params),
    ),
  };
}
