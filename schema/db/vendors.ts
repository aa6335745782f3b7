import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { countryPattern, factColumns, id, slugCheck, timestamps } from "./columns.ts";
import { vendorKind } from "./enums.ts";
import { orderingIndexes } from "./orderings.ts";

/** A company in the AI factory: cloud, neocloud, colocation, chip designer, foundry, model lab, utility. */
export const vendors = pgTable(
  "vendors",
  {
    id: id(),
    slug: text("slug").notNull().unique("vendors_slug_unique"),
    name: text("name").notNull(),
    kind: vendorKind("kind").notNull(),
    hqCountry: text("hq_country"),
    parentId: integer("parent_id").references((): AnyPgColumn => vendors.id, { onDelete: "set null" }),
    website: text("website"),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    slugCheck("vendors", t.slug),
    check("vendors_hq_country_iso", sql`${t.hqCountry} ~ ${sql.raw(`'${countryPattern}'`)}`),
    check("vendors_not_own_parent", sql`${t.parentId} <> ${t.id}`),
    index("vendors_kind_idx").on(t.kind),
    index("vendors_parent_idx").on(t.parentId),
    index("vendors_hq_country_idx").on(t.hqCountry),
    ...orderingIndexes("vendors", t.id, [t.name, t.slug, t.hqCountry, t.createdAt]),
    ...orderingIndexes("vendors", t.id, [t.name, t.slug, t.hqCountry, t.createdAt], t.parentId),
  ],
);
