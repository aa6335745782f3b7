import type { Database } from "../db/client.ts";
import { pageLoader, rowLoader } from "../graphql/loaders.ts";
import { type DependencyListParams, getDependenciesByIds, getDependencyPages } from "./dependencies.ts";
import { getMarketSharePagesByVendor, getMarketSharesByIds, type MarketShareListParams } from "./shares.ts";

/** Per-request market share and dependency loaders. */
export function createMarketLoaders(db: Database) {
  return {
    marketShareById: rowLoader(
      (ids: readonly number[]) => getMarketSharesByIds(db, ids),
      (r) => r.id,
    ),
    marketSharesByVendor: pageLoader((ids, params: MarketShareListParams) =>
      getMarketSharePagesByVendor(db, ids, params),
    ),
    dependencyById: rowLoader(
      (ids: readonly number[]) => getDependenciesByIds(db, ids),
      (r) => r.id,
    ),
    dependenciesByDependent: pageLoader((ids, params: DependencyListParams) =>
      getDependencyPages(db, "dependent", ids, params),
    ),
    dependentsOfVendor: pageLoader((ids, params: DependencyListParams) =>
      getDependencyPages(db, "providerVendor", ids, params),
    ),
    dependentsOfFacility: pageLoader((ids, params: DependencyListParams) =>
      getDependencyPages(db, "providerFacility", ids, params),
    ),
  };
}
