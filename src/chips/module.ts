import { defineModule } from "../api/module.ts";
import { createChipLoaders } from "./loaders.ts";
import { chipMutations } from "./mutations.ts";
import { chipNodeTypes, chipResolvers } from "./resolvers.ts";

/** The chips domain of the API (collected in src/api/modules.ts). */
export const chipModule = defineModule({
  name: "chips",
  resolvers: chipResolvers,
  mutations: chipMutations,
  nodeTypes: chipNodeTypes,
  createLoaders: createChipLoaders,
});
