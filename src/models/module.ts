import { defineModule } from "../api/module.ts";
import { createModelLoaders } from "./loaders.ts";
import { modelMutations } from "./mutations.ts";
import { modelNodeTypes, modelResolvers } from "./resolvers.ts";

/** The models domain of the API (collected in src/api/modules.ts). */
export const modelModule = defineModule({
  name: "models",
  resolvers: modelResolvers,
  mutations: modelMutations,
  nodeTypes: modelNodeTypes,
  createLoaders: createModelLoaders,
});
