import { models } from "../../schema/db/index.ts";
import { type ModelRecord, modelRecord } from "../seed/records.ts";
import type { WriteSpec } from "../writes/facts.ts";
import { vendorReference } from "../writes/slug-reference.ts";

/** How models are written (src/writes/facts.ts): developer by slug, unique by slug. */
export const modelWrites: WriteSpec<ModelRecord> = {
  type: "Model",
  table: models,
  cited: "model",
  record: modelRecord,
  ...vendorReference("developer"),
  naturalKey: [{ field: "slug", key: "slug" }],
  referencedBy: [],
};
