import { and, type SQL } from "drizzle-orm";
import { chips } from "../../schema/db/index.ts";
import { rowsByKeys } from "../db/by-key.ts";
import type { Database } from "../db/client.ts";
import { anyOf, containsText } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByParent, type Sort } from "../db/pagination.ts";

export type ChipRow = typeof chips.$inferSelect;

/** Criteria on chips (all must hold); vendor ids are database ids. */
export interface ChipFilter {
  designerIds?: readonly number[] | null;
  foundryIds?: readonly number[] | null;
  search?: string | null;
}

/** The columns chip lists can be sorted by, keyed by GraphQL order field. */
export const chipSortColumns = {
  NAME: chips.name,
  RELEASE_DATE: chips.releaseDate,
  TDP_W: chips.tdpW,
  BF16_DENSE_TFLOPS: chips.bf16DenseTflops,
};

export interface ChipListParams {
  filter?: ChipFilter | null;
  sort: Sort;
  request: PageRequest;
}

export function chipWhere(filter: ChipFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    anyOf(chips.designerId, filter.designerIds),
    anyOf(chips.foundryId, filter.foundryIds),
    containsText(chips.name, filter.search),
  );
}

export function getChips(db: Database, params: ChipListParams): Promise<Page<ChipRow>> {
  return pageOf(db, chips, { where: chipWhere(params.filter), sort: params.sort, request: params.request });
}

export function getChipsByIds(db: Database, ids: readonly number[]): Promise<ChipRow[]> {
  return rowsByKeys(db, chips, chips.id, "int", ids);
}

export function getChipsBySlugs(db: Database, slugs: readonly string[]): Promise<ChipRow[]> {
  return rowsByKeys(db, chips, chips.slug, "text", slugs);
}

/** A page of chips per vendor, by the vendor's role: the designer or the foundry. One statement. */
export function getChipPagesByVendor(
  db: Database,
  role: "designer" | "foundry",
  vendorIds: readonly number[],
  params: ChipListParams,
): Promise<Map<number, Page<ChipRow>>> {
  return pagesByParent(db, chips, {
    parent: role === "designer" ? chips.designerId : chips.foundryId,
    parentIds: vendorIds,
    where: chipWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}
