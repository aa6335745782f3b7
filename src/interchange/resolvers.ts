import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { actorOf, requireRole } from "../auth/viewer.ts";
import { importDocument } from "./document.ts";

/** importFacts: EDITOR or higher; the audit log names the key (`key:<id>`). */
export const interchangeResolvers: Resolvers = {
  Mutation: {
    importFacts: async (_, { input }, ctx) => {
      requireRole(ctx.viewer, "EDITOR");
      return importDocument(ctx.db, input, actorOf(ctx.viewer, "import"));
    },
  },
};
