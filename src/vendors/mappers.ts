import type { vendors } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type VendorModel = typeof vendors.$inferSelect;
export type VendorConnectionModel = ConnectionModel<VendorModel>;
export type VendorEdgeModel = EdgeModel<VendorModel>;
