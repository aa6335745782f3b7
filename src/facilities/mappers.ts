import type { capacityPhases, deployments, facilities } from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "../graphql/connection.ts";

/** What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts). */

export type FacilityModel = typeof facilities.$inferSelect;
export type FacilityConnectionModel = ConnectionModel<FacilityModel>;
export type FacilityEdgeModel = EdgeModel<FacilityModel>;
export type DeploymentModel = typeof deployments.$inferSelect;
export type DeploymentConnectionModel = ConnectionModel<DeploymentModel>;
export type DeploymentEdgeModel = EdgeModel<DeploymentModel>;
export type CapacityPhaseModel = typeof capacityPhases.$inferSelect;
