import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { actorOf, requireRole } from "../auth/viewer.ts";
import { payloadOf } from "../writes/payload.ts";
import { factMutations } from "../writes/resolvers.ts";
import { attachSource, detachSource } from "./citation-writes.ts";
import { sourceWrites } from "./writes.ts";

/** The sources mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const sourceMutations: Resolvers = {
  Mutation: {
    ...factMutations(sourceWrites, {
      create: "createSource",
      update: "updateSource",
      delete: "deleteSource",
      field: "source",
    }),
    attachSource: (
      _: unknown,
      { input }: { input: { fact: string; url: string; locator?: string | null } },
      ctx,
    ) => {
      requireRole(ctx.viewer, "EDITOR");
      return payloadOf(() => attachSource(ctx.db, input, actorOf(ctx.viewer)));
    },
    detachSource: (_: unknown, { input }: { input: { fact: string; url: string } }, ctx) => {
      requireRole(ctx.viewer, "EDITOR");
      return payloadOf(() => detachSource(ctx.db, input, actorOf(ctx.viewer)));
    },
  } as Resolvers["Mutation"],
};
