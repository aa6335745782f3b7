import { disclosures } from "../../schema/db/index.ts";
import { type DisclosureRecord, disclosureRecord } from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";

/** How disclosures are written (src/writes/facts.ts): vendor by slug, unique per (vendor, metric, kind, period). */
export const disclosureWrites: WriteSpec<DisclosureRecord> = {
  type: "Disclosure",
  table: disclosures,
  cited: "disclosure",
  record: disclosureRecord,
  toRow: async ({ vendor, sources: _, ...rest }, refs) => ({
    ...rest,
    vendorId: await refs.id("vendors", vendor, ["input", "vendor"]),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["vendorId"]),
    vendor: await slugOf(db, "vendors", row.vendorId as number),
  }),
  naturalKey: [
    { field: "vendor", key: "vendorId" },
    { field: "metric", key: "metric" },
    { field: "kind", key: "kind" },
    { field: "periodStart", key: "periodStart" },
    { field: "periodEnd", key: "periodEnd" },
  ],
  referencedBy: [],
};
