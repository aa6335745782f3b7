import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { deploymentWrites, facilityWrites } from "./writes.ts";

/** Facility and deployment mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
export const facilityMutations: Resolvers = {
  Mutation: {
    ...factMutations(facilityWrites, {
      create: "createFacility",
      update: "updateFacility",
      delete: "deleteFacility",
      field: "facility",
    }),
    ...factMutations(deploymentWrites, {
      create: "createDeployment",
      update: "updateDeployment",
      delete: "deleteDeployment",
      field: "deployment",
    }),
  } as Resolvers["Mutation"],
};
