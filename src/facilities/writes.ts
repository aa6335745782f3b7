import {
  capacityPhases,
  dependencies,
  deployments,
  facilities,
  outageImpacts,
  regulatoryEventSubjects,
} from "../../schema/db/index.ts";
import {
  type CapacityPhaseRecord,
  capacityPhaseRecord,
  type DeploymentRecord,
  deploymentRecord,
  type FacilityRecord,
  facilityRecord,
} from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";
import { slugReference, vendorReference } from "../writes/slug-reference.ts";

/** How facilities are written (src/writes/facts.ts): the operator by slug, unique by slug. */
export const facilityWrites: WriteSpec<FacilityRecord> = {
  type: "Facility",
  table: facilities,
  cited: "facility",
  record: facilityRecord,
  ...vendorReference("operator"),
  naturalKey: [{ field: "slug", key: "slug" }],
  referencedBy: [
    { table: capacityPhases, column: capacityPhases.facilityId },
    { table: deployments, column: deployments.facilityId },
    { table: outageImpacts, column: outageImpacts.facilityId },
    { table: regulatoryEventSubjects, column: regulatoryEventSubjects.facilityId },
    { table: dependencies, column: dependencies.providerFacilityId },
  ],
};

/**
 * How capacity phases are written: the facility by slug, one phase per (facility, effectiveOn).
 * A phase records a dated figure; the facility's flat "latest" columns are a separate record.
 */
export const capacityPhaseWrites: WriteSpec<CapacityPhaseRecord> = {
  type: "CapacityPhase",
  table: capacityPhases,
  cited: "capacityPhase",
  record: capacityPhaseRecord,
  ...slugReference("facilities", "facility"),
  naturalKey: [
    { field: "facility", key: "facilityId" },
    { field: "effectiveOn", key: "effectiveOn" },
  ],
  referencedBy: [],
};

/** How deployments are written: facility and chip by slug, unique per (facility, chip, asOf). */
export const deploymentWrites: WriteSpec<DeploymentRecord> = {
  type: "Deployment",
  table: deployments,
  cited: "deployment",
  record: deploymentRecord,
  toRow: async ({ facility, chip, sources: _, ...rest }, refs) => ({
    ...rest,
    facilityId: await refs.id("facilities", facility, ["input", "facility"]),
    chipId: await refs.id("chips", chip, ["input", "chip"]),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["facilityId", "chipId"]),
    facility: await slugOf(db, "facilities", row.facilityId as number),
    chip: await slugOf(db, "chips", row.chipId as number),
  }),
  naturalKey: [
    { field: "facility", key: "facilityId" },
    { field: "chip", key: "chipId" },
    { field: "asOf", key: "asOf" },
  ],
  referencedBy: [],
};
