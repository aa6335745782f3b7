import type { disclosures } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type DisclosureModel = typeof disclosures.$inferSelect;
export type DisclosureConnectionModel = ConnectionModel<DisclosureModel>;
export type DisclosureEdgeModel = EdgeModel<DisclosureModel>;
