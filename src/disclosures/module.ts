import { defineModule } from "../api/module.ts";
import { createDisclosureLoaders } from "./loaders.ts";
import { disclosureMutations } from "./mutations.ts";
import { disclosureNodeTypes, disclosureResolvers } from "./resolvers.ts";

/** The disclosures domain of the API (collected in src/api/modules.ts). */
export const disclosureModule = defineModule({
  name: "disclosures",
  resolvers: disclosureResolvers,
  mutations: disclosureMutations,
  nodeTypes: disclosureNodeTypes,
  createLoaders: createDisclosureLoaders,
});
