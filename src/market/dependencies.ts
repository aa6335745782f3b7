import { and, or, type SQL } from "drizzle-orm";
import { dependencies } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByParent, type Sort } from "../db/pagination.ts";
import { contains } from "../db/ranges.ts";

/** Queries on dependencies (a dependent vendor relies on a provider vendor or facility). */

export type DependencyRow = typeof dependencies.$inferSelect;

/** Criteria on dependencies (all must hold); ids are database ids. */
export interface DependencyFilter {
  dependentIds?: readonly number[] | null;
  /** Providers: a dependency matches when its provider is one of these vendors OR one of these facilities. */
  provider?: { vendorIds: readonly number[]; facilityIds: readonly number[] } | null;
  kind?: readonly DependencyRow["kind"][] | null;
  /** In effect on this day: since unknown or <= day, until unknown or >= day. */
  activeOn?: string | null;
}

/** The columns dependency lists can be sorted by, keyed by GraphQL order field. */
export const dependencySortColumns = {
  WEIGHT: dependencies.weight,
  SINCE: dependencies.since,
  KIND: dependencies.kind,
  CREATED_AT: dependencies.createdAt,
};

export interface DependencyListParams {
  filter?: DependencyFilter | null;
  sort: Sort;
  request: PageRequest;
}

export function dependencyWhere(filter: DependencyFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  const provider = filter.provider;
  return and(
    filter.dependentIds == null ? undefined : anyId(dependencies.dependentId, filter.dependentIds),
    provider == null
      ? undefined
      : or(
          anyId(dependencies.providerVendorId, provider.vendorIds),
          anyId(dependencies.providerFacilityId, provider.facilityIds),
        ),
    anyOf(dependencies.kind, filter.kind),
    contains(dependencies.since, dependencies.until, filter.activeOn),
  );
}

export function getDependencies(db: Database, params: DependencyListParams): Promise<Page<DependencyRow>> {
  return pageOf(db, dependencies, {
    where: dependencyWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getDependenciesByIds(db: Database, ids: readonly number[]): Promise<DependencyRow[]> {
  return db.select().from(dependencies).where(anyId(dependencies.id, ids));
}

/** Which column ties a dependency to a parent: its dependent, or its provider vendor or facility. */
const parentColumns = {
  dependent: dependencies.dependentId,
  providerVendor: dependencies.providerVendorId,
  providerFacility: dependencies.providerFacilityId,
};

/** A page of dependencies per parent id (see parentColumns), in one statement. */
export function getDependencyPages(
  db: Database,
  by: keyof typeof parentColumns,
  parentIds: readonly number[],
  params: DependencyListParams,
): Promise<Map<number, Page<DependencyRow>>> {
  return pagesByParent(db, dependencies, {
    parent: parentColumns[by],
    parentIds,
    where: dependencyWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}
