import { defineModule } from "../api/module.ts";
import { digestNodeTypes, digestResolvers } from "./resolvers.ts";

/** Signals, subscriptions and digests in the API (collected in src/api/modules.ts). */
export const digestModule = defineModule({
  name: "digests",
  resolvers: digestResolvers,
  nodeTypes: digestNodeTypes,
});
