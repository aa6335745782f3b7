import type { ModelFilter as ModelFilterInput, Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { globalIdField, lookupOne, required } from "../graphql/fields.ts";
import { decodeIdOf, decodeIdsOf } from "../graphql/ids.ts";
import { dayRange } from "../graphql/ranges.ts";
import { sourcesField } from "../sources/fields.ts";
import { getModels, type ModelFilter, modelSortColumns } from "./queries.ts";

export const modelList = listing("Model", modelSortColumns, { field: "RELEASE_DATE", direction: "DESC" });

/** GraphQL ModelFilter → query filter (global ids decoded; bad input is BAD_USER_INPUT naming the field). */
export function modelFilterFromInput(input: ModelFilterInput | null | undefined): ModelFilter | null {
  if (!input) return null;
  return {
    developerIds: input.developer && decodeIdsOf("Vendor", input.developer, "filter.developer"),
    openWeights: input.openWeights,
    maxMinMemoryGb: input.maxMinMemoryGb,
    smallestHardware: input.smallestHardware,
    runsOn: input.runsOn,
    released: dayRange(input.released, "filter.released"),
    search: input.search,
  };
}

export const modelNodeTypes: Record<string, NodeFetcher> = {
  Model: (ctx, id) => ctx.loaders.modelById.load(id),
};

export const modelResolvers: Resolvers = {
  Query: {
    models: async (_, args, ctx) => {
      const { scope, ...page } = modelList(args);
      const filter = modelFilterFromInput(args.filter);
      return toConnection(await getModels(ctx.db, { filter, ...page }), scope);
    },
    model: (_, args, ctx) =>
      lookupOne("Model", args, {
        id: (id) => ctx.loaders.modelById.load(decodeIdOf("Model", id, "id")),
        slug: (slug) => ctx.loaders.modelBySlug.load(slug),
      }),
  },
  Model: {
    id: globalIdField("Model"),
    sources: sourcesField("model"),
    developer: (m, _, ctx) => required(m.developerId, ctx.loaders.vendorById, "vendor"),
  },
  Vendor: {
    models: async (v, args, ctx) => {
      const { scope, ...page } = modelList(args);
      const params = { filter: modelFilterFromInput(args.filter), ...page };
      return toConnection(await ctx.loaders.modelsByDeveloper(v.id, params, JSON.stringify(args)), scope);
    },
  },
};
