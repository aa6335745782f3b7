import { defineModule } from "../api/module.ts";
import { createOutageLoaders } from "./loaders.ts";
import { outageMutations } from "./mutations.ts";
import { outageNodeTypes, outageResolvers } from "./resolvers.ts";

/** The outages domain of the API (collected in src/api/modules.ts). */
export const outageModule = defineModule({
  name: "outages",
  resolvers: outageResolvers,
  mutations: outageMutations,
  nodeTypes: outageNodeTypes,
  createLoaders: createOutageLoaders,
});
