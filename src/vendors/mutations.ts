import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { vendorWrites } from "./writes.ts";

/** The vendors mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const vendorMutations: Resolvers = {
  Mutation: {
    ...factMutations(vendorWrites, {
      create: "createVendor",
      update: "updateVendor",
      delete: "deleteVendor",
      field: "vendor",
    }),
  } as Resolvers["Mutation"],
};
