import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { outageWrites } from "./writes.ts";

/** The outages mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const outageMutations: Resolvers = {
  Mutation: {
    ...factMutations(outageWrites, {
      create: "createOutage",
      update: "updateOutage",
      delete: "deleteOutage",
      field: "outage",
    }),
  } as Resolvers["Mutation"],
};
