import type {
  capacityPhases,
  chips,
  dependencies,
  deployments,
  disclosures,
  facilities,
  marketShares,
  models,
  outageImpacts,
  outages,
  regulatoryEvents,
  sources,
  vendors,
} from "../../schema/db/index.ts";
import type { ConnectionModel, EdgeModel } from "./connection.ts";

/**
 * What resolvers pass around for each GraphQL type (codegen `mappers`): Drizzle rows for objects,
 * ConnectionModel/EdgeModel for connections. Add a domain's types here and in codegen.ts.
 */

export type VendorModel = typeof vendors.$inferSelect;
export type ChipModel = typeof chips.$inferSelect;
export type FacilityModel = typeof facilities.$inferSelect;
export type DeploymentModel = typeof deployments.$inferSelect;
export type CapacityPhaseModel = typeof capacityPhases.$inferSelect;
export type SourceModel = typeof sources.$inferSelect;
export type OutageModel = typeof outages.$inferSelect;
export type OutageImpactModel = typeof outageImpacts.$inferSelect;
export type RegulatoryEventModel = typeof regulatoryEvents.$inferSelect;
export type DisclosureModel = typeof disclosures.$inferSelect;
export type VendorMarketShareModel = typeof marketShares.$inferSelect;
export type DependencyModel = typeof dependencies.$inferSelect;
export type ModelModel = typeof models.$inferSelect;

/** A fact's citation: the source row and where in it the fact is found. */
export interface CitationModel {
  source: SourceModel;
  locator: string | null;
}

export type VendorConnectionModel = ConnectionModel<VendorModel>;
export type VendorEdgeModel = EdgeModel<VendorModel>;
export type ChipConnectionModel = ConnectionModel<ChipModel>;
export type ChipEdgeModel = EdgeModel<ChipModel>;
export type FacilityConnectionModel = ConnectionModel<FacilityModel>;
export type FacilityEdgeModel = EdgeModel<FacilityModel>;
export type DeploymentConnectionModel = ConnectionModel<DeploymentModel>;
export type DeploymentEdgeModel = EdgeModel<DeploymentModel>;
export type SourceConnectionModel = ConnectionModel<SourceModel>;
export type SourceEdgeModel = EdgeModel<SourceModel>;
export type OutageConnectionModel = ConnectionModel<OutageModel>;
export type OutageEdgeModel = EdgeModel<OutageModel>;
export type RegulatoryEventConnectionModel = ConnectionModel<RegulatoryEventModel>;
export type RegulatoryEventEdgeModel = EdgeModel<RegulatoryEventModel>;
export type DisclosureConnectionModel = ConnectionModel<DisclosureModel>;
export type DisclosureEdgeModel = EdgeModel<DisclosureModel>;
export type VendorMarketShareConnectionModel = ConnectionModel<VendorMarketShareModel>;
export type VendorMarketShareEdgeModel = EdgeModel<VendorMarketShareModel>;
export type DependencyConnectionModel = ConnectionModel<DependencyModel>;
export type DependencyEdgeModel = EdgeModel<DependencyModel>;
export type ModelConnectionModel = ConnectionModel<ModelModel>;
export type ModelEdgeModel = EdgeModel<ModelModel>;
