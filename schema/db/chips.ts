import { sql } from "drizzle-orm";
import { check, date, doublePrecision, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { factColumns, id, slugCheck, timestamps } from "./columns.ts";
import { orderingIndexes } from "./orderings.ts";
import { vendors } from "./vendors.ts";

/** An AI accelerator: who designed it, who fabricates it, and its published specifications. */
export const chips = pgTable(
  "chips",
  {
    id: id(),
    slug: text("slug").notNull().unique("chips_slug_unique"),
    name: text("name").notNull(),
    designerId: integer("designer_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "restrict" }),
    foundryId: integer("foundry_id").references(() => vendors.id, { onDelete: "restrict" }),
    processNode: text("process_node"),
    releaseDate: date("release_date", { mode: "string" }),
    tdpW: doublePrecision("tdp_w"),
    memoryGb: doublePrecision("memory_gb"),
    memoryType: text("memory_type"),
    memoryBandwidthTbps: doublePrecision("memory_bandwidth_tbps"),
    bf16DenseTflops: doublePrecision("bf16_dense_tflops"),
    fp8DenseTflops: doublePrecision("fp8_dense_tflops"),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    slugCheck("chips", t.slug),
    check("chips_tdp_w_positive", sql`${t.tdpW} > 0`),
    check("chips_memory_gb_positive", sql`${t.memoryGb} > 0`),
    check("chips_memory_bandwidth_positive", sql`${t.memoryBandwidthTbps} > 0`),
    check("chips_bf16_nonnegative", sql`${t.bf16DenseTflops} >= 0`),
    check("chips_fp8_nonnegative", sql`${t.fp8DenseTflops} >= 0`),
    index("chips_designer_idx").on(t.designerId),
    index("chips_foundry_idx").on(t.foundryId),
    ...orderingIndexes("chips", t.id, [t.name, t.releaseDate, t.tdpW, t.bf16DenseTflops]),
    ...orderingIndexes("chips", t.id, [t.name, t.releaseDate, t.tdpW, t.bf16DenseTflops], t.designerId),
    ...orderingIndexes("chips", t.id, [t.name, t.releaseDate, t.tdpW, t.bf16DenseTflops], t.foundryId),
  ],
);
