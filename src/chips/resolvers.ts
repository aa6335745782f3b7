import type { ChipFilter as ChipFilterInput, Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { deploymentList } from "../facilities/resolvers.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { globalIdField, related, required } from "../graphql/fields.ts";
import { decodeIdsOf } from "../graphql/ids.ts";
import { fromPlan } from "../graphql/plan/entity.ts";
import { lookupPlanned } from "../graphql/plan/lookup.ts";
import { planPage } from "../graphql/plan/statement.ts";
import { sourcesField } from "../sources/fields.ts";
import { chipPage, chipPlan } from "./plan.ts";
import { type ChipFilter, type ChipRow, chipSortColumns, getChips } from "./queries.ts";

export const chipList = listing("Chip", chipSortColumns, { field: "NAME", direction: "ASC" });

/** GraphQL ChipFilter → query filter (global ids decoded; a wrong id is BAD_USER_INPUT naming the field). */
export function chipFilterFromInput(input: ChipFilterInput | null | undefined): ChipFilter | null {
  if (!input) return null;
  return {
    designerIds: input.designer && decodeIdsOf("Vendor", input.designer, "filter.designer"),
    foundryIds: input.foundry && decodeIdsOf("Vendor", input.foundry, "filter.foundry"),
    search: input.search,
  };
}

export const chipNodeTypes: Record<string, NodeFetcher> = {
  Chip: (ctx, id) => ctx.loaders.chipById.load(id),
};

export const chipResolvers: Resolvers = {
  Query: {
    chips: async (_, args, ctx, info) => {
      const page = chipPage(args);
      const planned = planPage<ChipRow>(ctx, info, chipPlan, page);
      return toConnection(await (planned ?? getChips(ctx.db, page)), page.scope);
    },
    chip: (_, args, ctx, info) =>
      lookupPlanned(ctx, info, args, chipPlan, ctx.loaders.chipById, ctx.loaders.chipBySlug),
  },
  Chip: {
    id: globalIdField("Chip"),
    sources: sourcesField("chip"),
    designer: (c, _, ctx, info) =>
      fromPlan(c, info, () => required(c.designerId, ctx.loaders.vendorById, "vendor")),
    foundry: (c, _, ctx, info) => fromPlan(c, info, () => related(c.foundryId, ctx.loaders.vendorById)),
    deployments: (c, args, ctx, info) =>
      fromPlan(c, info, async () => {
        const { scope, ...page } = deploymentList(args);
        return toConnection(await ctx.loaders.deploymentsByChip(c.id, page, JSON.stringify(args)), scope);
      }),
  },
};
