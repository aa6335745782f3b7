import { defineModule } from "../api/module.ts";
import { createFacilityLoaders } from "./loaders.ts";
import { facilityMutations } from "./mutations.ts";
import { facilityNodeTypes, facilityResolvers } from "./resolvers.ts";

/** The facilities domain of the API (collected in src/api/modules.ts). */
export const facilityModule = defineModule({
  name: "facilities",
  resolvers: facilityResolvers,
  mutations: facilityMutations,
  nodeTypes: facilityNodeTypes,
  createLoaders: createFacilityLoaders,
});
