import type { models } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type ModelModel = typeof models.$inferSelect;
export type ModelConnectionModel = ConnectionModel<ModelModel>;
export type ModelEdgeModel = EdgeModel<ModelModel>;
