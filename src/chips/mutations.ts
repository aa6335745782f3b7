import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { chipWrites } from "./writes.ts";

/** The chips mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const chipMutations: Resolvers = {
  Mutation: {
    ...factMutations(chipWrites, {
      create: "createChip",
      update: "updateChip",
      delete: "deleteChip",
      field: "chip",
    }),
  } as Resolvers["Mutation"],
};
