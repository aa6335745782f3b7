import { chips, deployments } from "../../schema/db/index.ts";
import { type ChipRecord, chipRecord } from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";

/** How chips are written (src/writes/facts.ts): designer and foundry by slug, unique by slug. */
export const chipWrites: WriteSpec<ChipRecord> = {
  type: "Chip",
  table: chips,
  cited: "chip",
  record: chipRecord,
  toRow: async ({ designer, foundry, sources: _, ...rest }, refs) => ({
    ...rest,
    designerId: await refs.id("vendors", designer, ["input", "designer"]),
    foundryId: await refs.maybe("vendors", foundry, ["input", "foundry"]),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["designerId", "foundryId"]),
    designer: await slugOf(db, "vendors", row.designerId as number),
    foundry: await slugOf(db, "vendors", row.foundryId as number | null),
  }),
  naturalKey: [{ field: "slug", key: "slug" }],
  referencedBy: [{ table: deployments, column: deployments.chipId }],
};
