import { defineModule } from "../api/module.ts";
import { createSourceLoaders } from "./loaders.ts";
import { sourceMutations } from "./mutations.ts";
import { sourceNodeTypes, sourceResolvers } from "./resolvers.ts";

/** The sources domain of the API (collected in src/api/modules.ts). */
export const sourceModule = defineModule({
  name: "sources",
  resolvers: sourceResolvers,
  mutations: sourceMutations,
  nodeTypes: sourceNodeTypes,
  createLoaders: createSourceLoaders,
});
