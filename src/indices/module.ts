import { defineModule } from "../api/module.ts";
import { createIndexLoaders } from "./loaders.ts";
import { indexResolvers } from "./resolvers.ts";

/** The indices domain of the API: concentration, risk, blast radius (collected in src/api/modules.ts). */
export const indexModule = defineModule({
  name: "indices",
  resolvers: indexResolvers,
  createLoaders: createIndexLoaders,
});
