import { JSONResolver } from "graphql-scalars";
import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { requireRole } from "../auth/viewer.ts";
import { pageRequest, toConnection } from "../graphql/connection.ts";
import { badUserInput } from "../graphql/errors.ts";
import { decodeIdOf } from "../graphql/ids.ts";
import { getAuditEntries } from "./queries.ts";

const scope = { entity: "AuditEntry", ordering: "ID:DESC" };

/** The key id in an actor `key:<id>`, else null. */
const keyIdOfActor = (actor: string) => (/^key:(\d+)$/.exec(actor)?.[1] ? Number(actor.slice(4)) : null);

export const auditResolvers: Resolvers = {
  JSON: JSONResolver,
  Query: {
    auditLog: async (_, args, ctx) => {
      requireRole(ctx.viewer, "ADMIN");
      const f = args.filter ?? {};
      if (f.apiKey != null && f.actor != null)
        throw badUserInput("Give apiKey or actor, not both", "filter.actor");
      if (f.from && f.to && f.to <= f.from)
        throw badUserInput("filter.to must be after filter.from", "filter.to");
      const actor = f.apiKey != null ? `key:${decodeIdOf("ApiKey", f.apiKey, "filter.apiKey")}` : f.actor;
      const filter = { entity: f.entity, entityId: f.entityId, actor, from: f.from, to: f.to };
      return toConnection(
        await getAuditEntries(ctx.db, { filter, request: pageRequest(args, scope) }),
        scope,
      );
    },
  },
  AuditEntry: {
    entryId: (e) => e.id,
    apiKey: (e, _, ctx) => {
      const id = keyIdOfActor(e.actor);
      return id == null ? null : ctx.loaders.apiKeyById.load(id);
    },
  },
};
