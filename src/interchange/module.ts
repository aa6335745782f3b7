import { defineModule } from "../api/module.ts";
import { interchangeResolvers } from "./resolvers.ts";

/** Bulk interchange in the API: the importFacts mutation (collected in src/api/modules.ts). */
export const interchangeModule = defineModule({
  name: "interchange",
  resolvers: interchangeResolvers,
});
