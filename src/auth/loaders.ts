import type { Database } from "../db/client.ts";
import { rowLoader } from "../graphql/loaders.ts";
import { getApiKeysByIds } from "./queries.ts";

/** Per-request API key loaders. */
export function createAuthLoaders(db: Database) {
  return {
    apiKeyById: rowLoader(
      (ids: readonly number[]) => getApiKeysByIds(db, ids),
      (r) => r.id,
    ),
  };
}
