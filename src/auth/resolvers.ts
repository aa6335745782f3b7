import type { Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { pageRequest, toConnection } from "../graphql/connection.ts";
import { globalIdField } from "../graphql/fields.ts";
import { inputIdOf } from "../writes/ids.ts";
import { payloadOf } from "../writes/payload.ts";
import { createKey, revokeKey } from "./manage.ts";
import { getApiKeys } from "./queries.ts";
import { actorOf, requireRole } from "./viewer.ts";

const scope = { entity: "ApiKey", ordering: "ID:DESC" };

export const authNodeTypes: Record<string, NodeFetcher> = {
  ApiKey: (ctx, id) => {
    requireRole(ctx.viewer, "ADMIN");
    return ctx.loaders.apiKeyById.load(id);
  },
};

export const authResolvers: Resolvers = {
  Query: {
    apiKeys: async (_, args, ctx) => {
      requireRole(ctx.viewer, "ADMIN");
      const request = pageRequest(args, scope);
      return toConnection(
        await getApiKeys(ctx.db, { includeRevoked: args.includeRevoked ?? false, request }),
        scope,
      );
    },
  },
  Mutation: {
    createApiKey: (_, { input }, ctx) => {
      requireRole(ctx.viewer, "ADMIN");
      return payloadOf(async () => {
        const { key, secret } = await createKey(ctx.db, input, actorOf(ctx.viewer));
        return { apiKey: key, secret };
      });
    },
    revokeApiKey: (_, { input }, ctx) => {
      requireRole(ctx.viewer, "ADMIN");
      return payloadOf(async () => ({
        apiKey: await revokeKey(ctx.db, inputIdOf("ApiKey", input.id, ["input", "id"]), actorOf(ctx.viewer)),
      }));
    },
  },
  ApiKey: {
    id: globalIdField("ApiKey"),
    keyId: (k) => k.id,
  },
};
