import type { outageImpacts, outages } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type OutageModel = typeof outages.$inferSelect;
export type OutageConnectionModel = ConnectionModel<OutageModel>;
export type OutageEdgeModel = EdgeModel<OutageModel>;
export type OutageImpactModel = typeof outageImpacts.$inferSelect;
