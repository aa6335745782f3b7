import { sql } from "drizzle-orm";
import { boolean, check, date, doublePrecision, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { factColumns, id, slugCheck, timestamps } from "./columns.ts";
import { hardwareClass } from "./enums.ts";
import { orderingIndexes } from "./orderings.ts";
import { vendors } from "./vendors.ts";

/** An AI model release; open-weight models that fit small hardware are a watched signal. */
export const models = pgTable(
  "models",
  {
    id: id(),
    slug: text("slug").notNull().unique("models_slug_unique"),
    name: text("name").notNull(),
    developerId: integer("developer_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "restrict" }),
    releaseDate: date("release_date", { mode: "string" }),
    openWeights: boolean("open_weights").notNull(),
    licence: text("licence"),
    parametersB: doublePrecision("parameters_b"),
    minMemoryGb: doublePrecision("min_memory_gb"),
    smallestHardware: hardwareClass("smallest_hardware"),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    slugCheck("models", t.slug),
    check("models_parameters_positive", sql`${t.parametersB} > 0`),
    check("models_min_memory_positive", sql`${t.minMemoryGb} > 0`),
    index("models_developer_idx").on(t.developerId),
    index("models_release_date_idx").on(t.releaseDate),
    ...orderingIndexes("models", t.id, [t.releaseDate, t.name, t.parametersB, t.minMemoryGb, t.createdAt]),
    ...orderingIndexes(
      "models",
      t.id,
      [t.releaseDate, t.name, t.parametersB, t.minMemoryGb, t.createdAt],
      t.developerId,
    ),
  ],
);
