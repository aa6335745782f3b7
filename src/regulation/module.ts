import { defineModule } from "../api/module.ts";
import { createRegulationLoaders } from "./loaders.ts";
import { regulationMutations } from "./mutations.ts";
import { regulationNodeTypes, regulationResolvers } from "./resolvers.ts";

/** The regulation domain of the API (collected in src/api/modules.ts). */
export const regulationModule = defineModule({
  name: "regulation",
  resolvers: regulationResolvers,
  mutations: regulationMutations,
  nodeTypes: regulationNodeTypes,
  createLoaders: createRegulationLoaders,
});
