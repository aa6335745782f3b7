import { sql } from "drizzle-orm";
import { check, integer, text, timestamp } from "drizzle-orm/pg-core";
import { confidence } from "./enums.ts";

/** Surrogate key: an identity column (never shown to API users; they see opaque global ids). */
export const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

/** created_at marks when a fact entered the database (digest windows use it); updated_at when it last changed. */
export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

/** Columns every curated fact row carries besides its citations. */
export const factColumns = {
  confidence: confidence("confidence").notNull(),
  note: text("note"),
};

/** A slug: lower-case words joined by single hyphens. */
export const slugCheck = (table: string, column: { name: string }) =>
  check(`${table}_slug_format`, sql.raw(`"${column.name}" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`));

/** ISO 3166-1 alpha-2 country code. */
export const countryPattern = "^[A-Z]{2}$";
/** ISO 3166-2 subdivision code: country, hyphen, 1-3 alphanumerics. */
export const subdivisionPattern = "^[A-Z]{2}-[A-Z0-9]{1,3}$";
/** A jurisdiction: a country (ISO 3166-1), a subdivision (ISO 3166-2) or a union (EU). */
export const jurisdictionPattern = "^([A-Z]{2}|[A-Z]{2}-[A-Z0-9]{1,3})$";
