import { chips, facilities, vendors } from "../../schema/db/index.ts";
import type { ChipFilter as ChipFilterInput, VendorFilter } from "../api/generated/resolvers-types.ts";
import { chipPage, chipPlan } from "../chips/plan.ts";
import { facilityPage, facilityPlan } from "../facilities/plan.ts";
import type { EntityPlan, PageSpec } from "../graphql/plan/entity.ts";
import { vendorWhere } from "./queries.ts";
import { vendorList } from "./resolvers.ts";

/** Vendors for the look-ahead planner (src/graphql/plan): columns and relations. */

type VendorArgs = Parameters<typeof vendorList>[0] & { filter?: VendorFilter | null };

/** A vendor list's page from its GraphQL arguments (the filter as the loader path takes it). */
export function vendorPage(args: VendorArgs): PageSpec {
  return { ...vendorList(args), where: vendorWhere(args.filter) };
}

export const vendorPlan: EntityPlan = {
  type: "Vendor",
  table: vendors,
  columns: { id: [vendors.id] },
  relations: {
    parent: { kind: "one", target: () => vendorPlan, key: vendors.parentId },
    // Subsidiaries take no filter.
    subsidiaries: {
      kind: "page",
      target: () => vendorPlan,
      parent: vendors.parentId,
      page: (args) => vendorList(args as VendorArgs),
    },
    facilities: {
      kind: "page",
      target: () => facilityPlan,
      parent: facilities.operatorId,
      page: (args) => facilityPage(args as Parameters<typeof facilityPage>[0]),
    },
    chipsDesigned: {
      kind: "page",
      target: () => chipPlan,
      parent: chips.designerId,
      page: (args) => chipPage(args as { filter?: ChipFilterInput | null }),
    },
    chipsFabricated: {
      kind: "page",
      target: () => chipPlan,
      parent: chips.foundryId,
      page: (args) => chipPage(args as { filter?: ChipFilterInput | null }),
    },
  },
};
