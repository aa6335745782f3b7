import type { Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { chipFilterFromInput, chipList } from "../chips/resolvers.ts";
import { facilityFilterFromInput, facilityList } from "../facilities/resolvers.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { globalIdField, related } from "../graphql/fields.ts";
import { fromPlan } from "../graphql/plan/entity.ts";
import { lookupPlanned } from "../graphql/plan/lookup.ts";
import { planPage } from "../graphql/plan/statement.ts";
import { sourcesField } from "../sources/fields.ts";
import { getVendors, type VendorRow, vendorSortColumns } from "../vendors/queries.ts";
import { vendorPage, vendorPlan } from "./plan.ts";

export const vendorList = listing("Vendor", vendorSortColumns, { field: "NAME", direction: "ASC" });

export const vendorNodeTypes: Record<string, NodeFetcher> = {
  Vendor: (ctx, id) => ctx.loaders.vendorById.load(id),
};

export const vendorResolvers: Resolvers = {
  Query: {
    vendors: async (_, args, ctx, info) => {
      const { scope, ...page } = vendorList(args);
      const planned = planPage<VendorRow>(ctx, info, vendorPlan, vendorPage(args));
      return toConnection(await (planned ?? getVendors(ctx.db, { filter: args.filter, ...page })), scope);
    },
    vendor: (_, args, ctx, info) =>
      lookupPlanned(ctx, info, args, vendorPlan, ctx.loaders.vendorById, ctx.loaders.vendorBySlug),
  },
  Vendor: {
    id: globalIdField("Vendor"),
    sources: sourcesField("vendor"),
    parent: (v, _, ctx, info) => fromPlan(v, info, () => related(v.parentId, ctx.loaders.vendorById)),
    subsidiaries: (v, args, ctx, info) =>
      fromPlan(v, info, async () => {
        const { scope, ...page } = vendorList(args);
        return toConnection(await ctx.loaders.subsidiaries(v.id, page, JSON.stringify(args)), scope);
      }),
    facilities: (v, args, ctx, info) =>
      fromPlan(v, info, async () => {
        const { scope, ...page } = facilityList(args);
        const params = { filter: facilityFilterFromInput(args.filter), ...page };
        return toConnection(
          await ctx.loaders.facilitiesByOperator(v.id, params, JSON.stringify(args)),
          scope,
        );
      }),
    chipsDesigned: (v, args, ctx, info) =>
      fromPlan(v, info, async () => {
        const { scope, ...page } = chipList(args);
        const params = { filter: chipFilterFromInput(args.filter), ...page };
        return toConnection(await ctx.loaders.chipsByDesigner(v.id, params, JSON.stringify(args)), scope);
      }),
    chipsFabricated: (v, args, ctx, info) =>
      fromPlan(v, info, async () => {
        const { scope, ...page } = chipList(args);
        const params = { filter: chipFilterFromInput(args.filter), ...page };
        return toConnection(await ctx.loaders.chipsByFoundry(v.id, params, JSON.stringify(args)), scope);
      }),
  },
};
