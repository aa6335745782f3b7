import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, primaryKey, smallint, timestamp } from "drizzle-orm/pg-core";

/**
 * Derived tables the risk index reads instead of re-deriving them from outage_impacts on every query.
 * They are maintained by triggers (migration 0006: on outage_impacts, outages and facilities.operator_id;
 * a change refreshes the pairs of the outages it touches) and hold no fact of their own: they always
 * equal a recomputation from outage_impacts ⋈ outages (⋈ facilities). Severity and start are copied so
 * the recency decay is applied at query time, at any asOf.
 */

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Each distinct (facility, outage) an outage impact names. */
export const outageFacilityHits = pgTable(
  "outage_facility_hits",
  {
    facilityId: integer("facility_id").notNull(),
    outageId: integer("outage_id").notNull(),
    severity: smallint("severity").notNull(),
    startedAt: ts("started_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "outage_facility_hits_pkey", columns: [t.facilityId, t.outageId] }),
    index("outage_facility_hits_outage_idx").on(t.outageId),
  ],
);

/** Each distinct (vendor, outage): an impact names the vendor, or a facility the vendor operates. */
export const outageVendorHits = pgTable(
  "outage_vendor_hits",
  {
    vendorId: integer("vendor_id").notNull(),
    outageId: integer("outage_id").notNull(),
    severity: smallint("severity").notNull(),
    startedAt: ts("started_at").notNull(),
  },
  (t) => [
    primaryKey({ name: "outage_vendor_hits_pkey", columns: [t.vendorId, t.outageId] }),
    index("outage_vendor_hits_outage_idx").on(t.outageId),
  ],
);

/**
 * One row: a counter bumped by a statement-level trigger on every fact table (migration 0007) in the
 * writing transaction, so it changes with every committed write whichever server instance (or SQL
 * session) made it. The index result cache (src/indices/cache.ts) keys results by it.
 */
export const dataVersion = pgTable(
  "data_version",
  {
    id: smallint("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("data_version_single_row", sql`${t.id} = 1`)],
);
