import { defineModule } from "../api/module.ts";
import { createAuthLoaders } from "./loaders.ts";
import { authNodeTypes, authResolvers } from "./resolvers.ts";

/** API keys: listing, creating and revoking them (ADMIN); collected in src/api/modules.ts. */
export const authModule = defineModule({
  name: "auth",
  resolvers: authResolvers,
  nodeTypes: authNodeTypes,
  createLoaders: createAuthLoaders,
});
