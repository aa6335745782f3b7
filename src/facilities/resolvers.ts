import type { FacilityFilter as FacilityFilterInput, Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { badUserInput } from "../graphql/errors.ts";
import { globalIdField, required } from "../graphql/fields.ts";
import { decodeIdsOf } from "../graphql/ids.ts";
import { fromPlan } from "../graphql/plan/entity.ts";
import { lookupPlanned } from "../graphql/plan/lookup.ts";
import { planPage } from "../graphql/plan/statement.ts";
import { sourcesField } from "../sources/fields.ts";
import { facilityPage, facilityPlan } from "./plan.ts";
import {
  deploymentSortColumns,
  type FacilityFilter,
  type FacilityRow,
  facilitySortColumns,
  getFacilities,
  type NumberRange,
} from "./queries.ts";

export const facilityList = listing("Facility", facilitySortColumns, { field: "NAME", direction: "ASC" });
export const deploymentList = listing("Deployment", deploymentSortColumns, {
  field: "AS_OF",
  direction: "DESC",
});

function range(input: NumberRange | null | undefined, argument: string): NumberRange | null {
  if (input?.min != null && input.max != null && input.min > input.max) {
    throw badUserInput(`min (${input.min}) is greater than max (${input.max})`, argument);
  }
  return input ?? null;
}

/** GraphQL FacilityFilter → query filter (global ids decoded; bad input is BAD_USER_INPUT naming the field). */
export function facilityFilterFromInput(
  input: FacilityFilterInput | null | undefined,
): FacilityFilter | null {
  if (!input) return null;
  return {
    ...input,
    operatorIds: input.operator && decodeIdsOf("Vendor", input.operator, "filter.operator"),
    rackDensityKw: range(input.rackDensityKw, "filter.rackDensityKw"),
    itPowerMw: range(input.itPowerMw, "filter.itPowerMw"),
  };
}

export const facilityNodeTypes: Record<string, NodeFetcher> = {
  Facility: (ctx, id) => ctx.loaders.facilityById.load(id),
  Deployment: (ctx, id) => ctx.loaders.deploymentById.load(id),
  CapacityPhase: (ctx, id) => ctx.loaders.capacityPhaseById.load(id),
};

export const facilityResolvers: Resolvers = {
  Query: {
    facilities: async (_, args, ctx, info) => {
      const page = facilityPage(args);
      const planned = planPage<FacilityRow>(ctx, info, facilityPlan, page);
      return toConnection(await (planned ?? getFacilities(ctx.db, page)), page.scope);
    },
    facility: (_, args, ctx, info) =>
      lookupPlanned(ctx, info, args, facilityPlan, ctx.loaders.facilityById, ctx.loaders.facilityBySlug),
  },
  Facility: {
    id: globalIdField("Facility"),
    sources: sourcesField("facility"),
    operator: (f, _, ctx, info) =>
      fromPlan(f, info, () => required(f.operatorId, ctx.loaders.vendorById, "vendor")),
    jurisdictions: (f, _, ctx) => ctx.loaders.jurisdictionsByFacility.load(f.id),
    capacityHistory: (f, _, ctx) => ctx.loaders.capacityPhasesByFacility.load(f.id),
    deployments: (f, args, ctx, info) =>
      fromPlan(f, info, async () => {
        const { scope, ...page } = deploymentList(args);
        return toConnection(await ctx.loaders.deploymentsByFacility(f.id, page, JSON.stringify(args)), scope);
      }),
  },
  CapacityPhase: {
    id: globalIdField("CapacityPhase"),
    sources: sourcesField("capacityPhase"),
    facility: (p, _, ctx) => required(p.facilityId, ctx.loaders.facilityById, "facility"),
  },
  Deployment: {
    id: globalIdField("Deployment"),
    sources: sourcesField("deployment"),
    facility: (d, _, ctx, info) =>
      fromPlan(d, info, () => required(d.facilityId, ctx.loaders.facilityById, "facility")),
    chip: (d, _, ctx, info) => fromPlan(d, info, () => required(d.chipId, ctx.loaders.chipById, "chip")),
  },
};
