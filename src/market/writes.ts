import { dependencies, marketShares } from "../../schema/db/index.ts";
import {
  type DependencyRecord,
  dependencyRecord,
  type MarketShareRecord,
  marketShareRecord,
} from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";
import { vendorReference } from "../writes/slug-reference.ts";

/** How market shares are written (src/writes/facts.ts): vendor by slug, unique per (segment, vendor, period, basis). */
export const marketShareWrites: WriteSpec<MarketShareRecord> = {
  type: "VendorMarketShare",
  table: marketShares,
  cited: "marketShare",
  record: marketShareRecord,
  ...vendorReference("vendor"),
  naturalKey: [
    { field: "segment", key: "segment" },
    { field: "vendor", key: "vendorId" },
    { field: "periodStart", key: "periodStart" },
    { field: "periodEnd", key: "periodEnd" },
    { field: "basis", key: "basis" },
  ],
  referencedBy: [],
};

/** How dependencies are written: dependent and provider by slug, unique per (dependent, provider, kind, since). */
export const dependencyWrites: WriteSpec<DependencyRecord> = {
  type: "Dependency",
  table: dependencies,
  cited: "dependency",
  record: dependencyRecord,
  toRow: async ({ dependent, providerVendor, providerFacility, sources: _, ...rest }, refs) => ({
    ...rest,
    dependentId: await refs.id("vendors", dependent, ["input", "dependent"]),
    providerVendorId: await refs.maybe("vendors", providerVendor, ["input", "providerVendor"]),
    providerFacilityId: await refs.maybe("facilities", providerFacility, ["input", "providerFacility"]),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["dependentId", "providerVendorId", "providerFacilityId"]),
    dependent: await slugOf(db, "vendors", row.dependentId as number),
    providerVendor: await slugOf(db, "vendors", row.providerVendorId as number | null),
    providerFacility: await slugOf(db, "facilities", row.providerFacilityId as number | null),
  }),
  naturalKey: [
    { field: "dependent", key: "dependentId" },
    { field: "providerVendor", key: "providerVendorId" },
    { field: "providerFacility", key: "providerFacilityId" },
    { field: "kind", key: "kind" },
    { field: "since", key: "since" },
  ],
  referencedBy: [],
};
