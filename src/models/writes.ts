import { models } from "../../schema/db/index.ts";
import { type ModelRecord, modelRecord } from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";

/** How models are written (src/writes/facts.ts): developer by slug, unique by slug. */
export const modelWrites: WriteSpec<ModelRecord> = {
  type: "Model",
  table: models,
  cited: "model",
  record: modelRecord,
  toRow: async ({ developer, sources: _, ...rest }, refs) => ({
    ...rest,
    developerId: await refs.id("vendors", developer, ["input", "developer"]),
  }),
  toRecord: async (db, row) => ({
    ...plainFields(row, ["developerId"]),
    developer: await slugOf(db, "vendors", row.developerId as number),
  }),
  naturalKey: [{ field: "slug", key: "slug" }],
  referencedBy: [],
};
