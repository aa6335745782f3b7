import { defineModule } from "../api/module.ts";
import { createMarketLoaders } from "./loaders.ts";
import { marketMutations } from "./mutations.ts";
import { marketNodeTypes, marketResolvers } from "./resolvers.ts";

/** The market domain of the API (collected in src/api/modules.ts). */
export const marketModule = defineModule({
  name: "market",
  resolvers: marketResolvers,
  mutations: marketMutations,
  nodeTypes: marketNodeTypes,
  createLoaders: createMarketLoaders,
});
