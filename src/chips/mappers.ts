import type { chips } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type ChipModel = typeof chips.$inferSelect;
export type ChipConnectionModel = ConnectionModel<ChipModel>;
export type ChipEdgeModel = EdgeModel<ChipModel>;
