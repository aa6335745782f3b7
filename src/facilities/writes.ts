import {
  capacityPhases,
  dependencies,
  deployments,
  facilities,
  outageImpacts,
  regulatoryEventSubjects,
} from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import {
  type CapacityPhaseRecord,
  capacityPhaseRecord,
  type DeploymentRecord,
  deploymentRecord,
  type FacilityRecord,
  facilityRecord,
} from "../seed/records.ts";
import { plainFields, type Row, type WriteSpec } from "../writes/facts.ts";
import { type References, slugOf } from "../writes/references.ts";
import { vendorReference } from "../writes/vendor-reference.ts";

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

/** A reference to one facility by slug (deployments, capacity phases). */
const facilityReference = {
  facilityId: (facility: string, refs: References) => refs.id("facilities", facility, ["input", "facility"]),
  facility: (db: Database, row: Row) => slugOf(db, "facilities", row.facilityId as number),
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
  toRow: async ({ facility, sources: _, ...rest }, refs) => ({
    ...rest,
    facilityId: await facilityReference.facilityId(facility, refs),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["facilityId"]),
    facility: await facilityReference.facility(db, row),
  }),
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
    facilityId: await facilityReference.facilityId(facility, refs),
    chipId: await refs.id("chips", chip, ["input", "chip"]),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["facilityId", "chipId"]),
    facility: await facilityReference.facility(db, row),
    chip: await slugOf(db, "chips", row.chipId as number),
  }),
  naturalKey: [
    { field: "facility", key: "facilityId" },
    { field: "chip", key: "chipId" },
    { field: "asOf", key: "asOf" },
  ],
  referencedBy: [],
};
