import { defineModule } from "../api/module.ts";
import { createModelLoaders } from "./loaders.ts";
import { modelNodeTypes, modelResolvers } from "./resolvers.ts";

/** The models domain of the API (collected in src/api/modules.ts). */
export const modelModule = defineModule({
  name: "models",
  resolvers: modelResolvers,
  nodeTypes: modelNodeTypes,
  createLoaders: createModelLoaders,
});
