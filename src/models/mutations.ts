import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { modelWrites } from "./writes.ts";

/** The models mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const modelMutations: Resolvers = {
  Mutation: {
    ...factMutations(modelWrites, {
      create: "createModel",
      update: "updateModel",
      delete: "deleteModel",
      field: "model",
    }),
  } as Resolvers["Mutation"],
};
