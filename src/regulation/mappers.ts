import type { regulatoryEvents } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type RegulatoryEventModel = typeof regulatoryEvents.$inferSelect;
export type RegulatoryEventConnectionModel = ConnectionModel<RegulatoryEventModel>;
export type RegulatoryEventEdgeModel = EdgeModel<RegulatoryEventModel>;
