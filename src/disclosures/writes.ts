import { disclosures } from "../../schema/db/index.ts";
import { type DisclosureRecord, disclosureRecord } from "../seed/records.ts";
import type { WriteSpec } from "../writes/facts.ts";
import { vendorReference } from "../writes/slug-reference.ts";

/** How disclosures are written (src/writes/facts.ts): vendor by slug, unique per (vendor, metric, kind, period). */
export const disclosureWrites: WriteSpec<DisclosureRecord> = {
  type: "Disclosure",
  table: disclosures,
  cited: "disclosure",
  record: disclosureRecord,
  ...vendorReference("vendor"),
  naturalKey: [
    { field: "vendor", key: "vendorId" },
    { field: "metric", key: "metric" },
    { field: "kind", key: "kind" },
    { field: "periodStart", key: "periodStart" },
    { field: "periodEnd", key: "periodEnd" },
  ],
  referencedBy: [],
};
