import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { dependencyWrites, marketShareWrites } from "./writes.ts";

/** The market mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const marketMutations: Resolvers = {
  Mutation: {
    ...factMutations(marketShareWrites, {
      create: "createVendorMarketShare",
      update: "updateVendorMarketShare",
      delete: "deleteVendorMarketShare",
      field: "vendorMarketShare",
    }),
    ...factMutations(dependencyWrites, {
      create: "createDependency",
      update: "updateDependency",
      delete: "deleteDependency",
      field: "dependency",
    }),
  } as Resolvers["Mutation"],
};
