import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { factColumns, id, slugCheck, timestamps } from "./columns.ts";
import { outageCause } from "./enums.ts";
import { facilities } from "./facilities.ts";
import { orderingIndexes } from "./orderings.ts";
import { vendors } from "./vendors.ts";

/** A service outage, rated on the Uptime Institute's 1 (negligible) to 5 (severe) scale. */
export const outages = pgTable(
  "outages",
  {
    id: id(),
    slug: text("slug").notNull().unique("outages_slug_unique"),
    title: text("title").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    severity: smallint("severity").notNull(),
    cause: outageCause("cause").notNull(),
    servicesAffected: text("services_affected").array().notNull().default(sql`'{}'::text[]`),
    summary: text("summary"),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    slugCheck("outages", t.slug),
    check("outages_severity_range", sql`${t.severity} between 1 and 5`),
    check("outages_end_after_start", sql`${t.endedAt} >= ${t.startedAt}`),
    index("outages_started_at_idx").on(t.startedAt),
    index("outages_severity_idx").on(t.severity),
    index("outages_cause_idx").on(t.cause),
    ...orderingIndexes("outages", t.id, [t.startedAt, t.severity, t.title, t.createdAt]),
  ],
);

/** Who or what an outage hit: a vendor, a facility, and/or a named cloud region (at least one). */
export const outageImpacts = pgTable(
  "outage_impacts",
  {
    id: id(),
    outageId: integer("outage_id")
      .notNull()
      .references(() => outages.id, { onDelete: "cascade" }),
    vendorId: integer("vendor_id").references(() => vendors.id, { onDelete: "cascade" }),
    facilityId: integer("facility_id").references(() => facilities.id, { onDelete: "cascade" }),
    region: text("region"),
    ...timestamps,
  },
  (t) => [
    check(
      "outage_impacts_names_a_subject",
      sql`num_nonnulls(${t.vendorId}, ${t.facilityId}, ${t.region}) >= 1`,
    ),
    index("outage_impacts_outage_idx").on(t.outageId),
    index("outage_impacts_vendor_idx").on(t.vendorId),
    index("outage_impacts_facility_outage_idx").on(t.facilityId, t.outageId),
  ],
);
