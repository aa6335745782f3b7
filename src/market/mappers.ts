import type { dependencies, marketShares } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type VendorMarketShareModel = typeof marketShares.$inferSelect;
export type VendorMarketShareConnectionModel = ConnectionModel<VendorMarketShareModel>;
export type VendorMarketShareEdgeModel = EdgeModel<VendorMarketShareModel>;
export type DependencyModel = typeof dependencies.$inferSelect;
export type DependencyConnectionModel = ConnectionModel<DependencyModel>;
export type DependencyEdgeModel = EdgeModel<DependencyModel>;
