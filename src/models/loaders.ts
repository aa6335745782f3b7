import type { Database } from "../db/client.ts";
import { pageLoader, rowLoader } from "../graphql/loaders.ts";
import {
  getModelPagesByDeveloper,
  getModelsByIds,
  getModelsBySlugs,
  type ModelListParams,
} from "./queries.ts";

/** Per-request model loaders. */
export function createModelLoaders(db: Database) {
  return {
    modelById: rowLoader(
      (ids: readonly number[]) => getModelsByIds(db, ids),
      (r) => r.id,
    ),
    modelBySlug: rowLoader(
      (slugs: readonly string[]) => getModelsBySlugs(db, slugs),
      (r) => r.slug,
    ),
    modelsByDeveloper: pageLoader((ids, params: ModelListParams) =>
      getModelPagesByDeveloper(db, ids, params),
    ),
  };
}
