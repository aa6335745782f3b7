import type { CitedEntity as CitedEntityEnum, Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { globalIdField, lookupOne } from "../graphql/fields.ts";
import { decodeIdOf } from "../graphql/ids.ts";
import { type CitedEntity, getSources, sourceSortColumns } from "./queries.ts";

export const sourceList = listing("Source", sourceSortColumns, { field: "TITLE", direction: "ASC" });

/** citationTables key (regulatoryEvent) → GraphQL enum value (REGULATORY_EVENT). */
const citedEntityEnum = (entity: CitedEntity) =>
  entity.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase() as CitedEntityEnum;

export const sourceNodeTypes: Record<string, NodeFetcher> = {
  Source: (ctx, id) => ctx.loaders.sourceById.load(id),
};

export const sourceResolvers: Resolvers = {
  Query: {
    sources: async (_, args, ctx) => {
      const { scope, ...page } = sourceList(args);
      return toConnection(await getSources(ctx.db, { filter: args.filter, ...page }), scope);
    },
    source: (_, args, ctx) =>
      lookupOne("Source", args, {
        id: (id) => ctx.loaders.sourceById.load(decodeIdOf("Source", id, "id")),
        url: (url) => ctx.loaders.sourceByUrl.load(url),
      }),
  },
  Source: {
    id: globalIdField("Source"),
    cited: async (s, _, ctx) =>
      (await ctx.loaders.citationCounts.load(s.id)).map((c) => ({
        entity: citedEntityEnum(c.entity),
        count: c.count,
      })),
    citationCount: async (s, _, ctx) =>
      (await ctx.loaders.citationCounts.load(s.id)).reduce((sum, c) => sum + c.count, 0),
  },
};
