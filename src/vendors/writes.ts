import { sql } from "drizzle-orm";
import {
  chips,
  dependencies,
  disclosures,
  facilities,
  marketShares,
  models,
  outageImpacts,
  regulatoryEventSubjects,
  vendors,
} from "../../schema/db/index.ts";
import { queryRows } from "../db/rows.ts";
import { type VendorRecord, vendorRecord } from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";
import { userError, WriteRefused } from "../writes/user-errors.ts";

/** How vendors are written (src/writes/facts.ts): parent by slug, no cycle of parents, unique by slug. */
export const vendorWrites: WriteSpec<VendorRecord> = {
  type: "Vendor",
  table: vendors,
  cited: "vendor",
  record: vendorRecord,
  toRow: async ({ parent, sources: _, ...rest }, refs) => ({
    ...rest,
    parentId: await refs.maybe("vendors", parent, ["input", "parent"]),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["parentId"]),
    parent: await slugOf(db, "vendors", row.parentId as number | null),
  }),
  naturalKey: [{ field: "slug", key: "slug" }],
  check: async (db, values, selfId) => {
    const parentId = values.parentId as number | null;
    if (selfId == null || parentId == null) return;
    const [cycle] = await queryRows<{ found: boolean }>(
      db,
      sql`with recursive up(id, depth) as (
            select ${parentId}::int, 0
            union all
            select v.parent_id, up.depth + 1 from vendors v join up on v.id = up.id
            where v.parent_id is not null and up.depth < 1000)
          select exists (select 1 from up where id = ${selfId}::int) as found`,
    );
    if (cycle?.found) {
      throw new WriteRefused([
        userError(
          ["input", "parent"],
          "INVALID",
          "would make the vendor its own ancestor (a cycle of parents)",
        ),
      ]);
    }
  },
  referencedBy: [
    { table: vendors, column: vendors.parentId },
    { table: facilities, column: facilities.operatorId },
    { table: chips, column: chips.designerId },
    { table: chips, column: chips.foundryId },
    { table: models, column: models.developerId },
    { table: disclosures, column: disclosures.vendorId },
    { table: marketShares, column: marketShares.vendorId },
    { table: dependencies, column: dependencies.dependentId },
    { table: dependencies, column: dependencies.providerVendorId },
    { table: outageImpacts, column: outageImpacts.vendorId },
    { table: regulatoryEventSubjects, column: regulatoryEventSubjects.vendorId },
  ],
};
