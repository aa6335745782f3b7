import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { regulatoryEventWrites } from "./writes.ts";

/** The regulation mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const regulationMutations: Resolvers = {
  Mutation: {
    ...factMutations(regulatoryEventWrites, {
      create: "createRegulatoryEvent",
      update: "updateRegulatoryEvent",
      delete: "deleteRegulatoryEvent",
      field: "regulatoryEvent",
    }),
  } as Resolvers["Mutation"],
};
