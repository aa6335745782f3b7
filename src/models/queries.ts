import { and, eq, inArray, lte, type SQL, sql } from "drizzle-orm";
import { models } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId, anyOf, containsText } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByParent, type Sort } from "../db/pagination.ts";
import { type Bounds, within } from "../db/ranges.ts";

export type ModelRow = typeof models.$inferSelect;
export type HardwareClass = NonNullable<ModelRow["smallestHardware"]>;

/** Criteria on models (all must hold); developer ids are database ids. */
export interface ModelFilter {
  developerIds?: readonly number[] | null;
  openWeights?: boolean | null;
  /** min_memory_gb <= this (unknown memory needs excluded). */
  maxMinMemoryGb?: number | null;
  smallestHardware?: readonly HardwareClass[] | null;
  /**
   * Runs on this class or a smaller one. The hardware_class enum is declared largest first
   * (DATACENTER … PHONE), so "this class or smaller" is `smallest_hardware >= class` in enum order.
   */
  runsOn?: HardwareClass | null;
  released?: Bounds<string> | null;
  search?: string | null;
}

/** The columns model lists can be sorted by, keyed by GraphQL order field. */
export const modelSortColumns = {
  RELEASE_DATE: models.releaseDate,
  NAME: models.name,
  PARAMETERS_B: models.parametersB,
  MIN_MEMORY_GB: models.minMemoryGb,
  CREATED_AT: models.createdAt,
};

export interface ModelListParams {
  filter?: ModelFilter | null;
  sort: Sort;
  request: PageRequest;
}

export function modelWhere(filter: ModelFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.developerIds == null ? undefined : anyId(models.developerId, filter.developerIds),
    filter.openWeights == null ? undefined : eq(models.openWeights, filter.openWeights),
    filter.maxMinMemoryGb == null ? undefined : lte(models.minMemoryGb, filter.maxMinMemoryGb),
    anyOf(models.smallestHardware, filter.smallestHardware),
    filter.runsOn == null ? undefined : sql`${models.smallestHardware} >= ${filter.runsOn}::hardware_class`,
    within(models.releaseDate, filter.released),
    containsText(models.name, filter.search),
  );
}

export function getModels(db: Database, params: ModelListParams): Promise<Page<ModelRow>> {
  return pageOf(db, models, { where: modelWhere(params.filter), sort: params.sort, request: params.request });
}

export function getModelsByIds(db: Database, ids: readonly number[]): Promise<ModelRow[]> {
  return db.select().from(models).where(anyId(models.id, ids));
}

export function getModelsBySlugs(db: Database, slugs: readonly string[]): Promise<ModelRow[]> {
  return db
    .select()
    .from(models)
    .where(inArray(models.slug, [...slugs]));
}

/** A page of the models each developer vendor id developed, in one statement. */
export function getModelPagesByDeveloper(
  db: Database,
  developerIds: readonly number[],
  params: ModelListParams,
): Promise<Map<number, Page<ModelRow>>> {
  return pagesByParent(db, models, {
    parent: models.developerId,
    parentIds: developerIds,
    where: modelWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}
