import type { Resolvers } from "../api/generated/resolvers-types.ts";
import { factMutations } from "../writes/resolvers.ts";
import { capacityPhaseWrites, deploymentWrites, facilityWrites } from "./writes.ts";

/** Facility, deployment and capacity-phase mutations (thin: the write path is src/writes/facts.ts with the specs of ./writes.ts). */
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
    ...factMutations(capacityPhaseWrites, {
      create: "createCapacityPhase",
      update: "updateCapacityPhase",
      delete: "deleteCapacityPhase",
      field: "capacityPhase",
    }),
  } as Resolvers["Mutation"],
};
