import { defineModule } from "../api/module.ts";
import { createVendorLoaders } from "./loaders.ts";
import { vendorMutations } from "./mutations.ts";
import { vendorNodeTypes, vendorResolvers } from "./resolvers.ts";

/** The vendors domain of the API (collected in src/api/modules.ts). */
export const vendorModule = defineModule({
  name: "vendors",
  resolvers: vendorResolvers,
  mutations: vendorMutations,
  nodeTypes: vendorNodeTypes,
  createLoaders: createVendorLoaders,
});
