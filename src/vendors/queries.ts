import { and, type SQL } from "drizzle-orm";
import { vendors } from "../../schema/db/index.ts";
import { rowsByKeys } from "../db/by-key.ts";
import type { Database } from "../db/client.ts";
import { anyOf, containsText } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf, pagesByParent, type Sort } from "../db/pagination.ts";

export type VendorRow = typeof vendors.$inferSelect;
export type VendorKind = VendorRow["kind"];

/** Criteria on vendors (all must hold); see src/db/filters.ts for list semantics. */
export interface VendorFilter {
  kind?: readonly VendorKind[] | null;
  hqCountry?: readonly string[] | null;
  search?: string | null;
}

/** The columns vendor lists can be sorted by, keyed by GraphQL order field. */
export const vendorSortColumns = {
  NAME: vendors.name,
  SLUG: vendors.slug,
  HQ_COUNTRY: vendors.hqCountry,
  CREATED_AT: vendors.createdAt,
};

export interface VendorListParams {
  filter?: VendorFilter | null;
  sort: Sort;
  request: PageRequest;
}

export function vendorWhere(filter: VendorFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    anyOf(vendors.kind, filter.kind),
    anyOf(vendors.hqCountry, filter.hqCountry),
    containsText(vendors.name, filter.search),
  );
}

export function getVendors(db: Database, params: VendorListParams): Promise<Page<VendorRow>> {
  return pageOf(db, vendors, {
    where: vendorWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}

export function getVendorsByIds(db: Database, ids: readonly number[]): Promise<VendorRow[]> {
  return rowsByKeys(db, vendors, vendors.id, "int", ids);
}

export function getVendorsBySlugs(db: Database, slugs: readonly string[]): Promise<VendorRow[]> {
  return rowsByKeys(db, vendors, vendors.slug, "text", slugs);
}

export async function getVendorBySlug(db: Database, slug: string): Promise<VendorRow | null> {
  return (await getVendorsBySlugs(db, [slug]))[0] ?? null;
}

/** A page of subsidiaries for each parent vendor id, in one statement. */
export function getSubsidiaryPages(
  db: Database,
  parentIds: readonly number[],
  params: VendorListParams,
): Promise<Map<number, Page<VendorRow>>> {
  return pagesByParent(db, vendors, {
    parent: vendors.parentId,
    parentIds,
    where: vendorWhere(params.filter),
    sort: params.sort,
    request: params.request,
  });
}
