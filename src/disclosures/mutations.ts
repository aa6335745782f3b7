import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { disclosureWrites } from "./writes.ts";

/** The disclosures mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const disclosureMutations: Resolvers = {
  Mutation: {
    ...factMutations(disclosureWrites, {
      create: "createDisclosure",
      update: "updateDisclosure",
      delete: "deleteDisclosure",
      field: "disclosure",
    }),
  } as Resolvers["Mutation"],
};
