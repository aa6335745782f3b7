import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  timestamp,
} from "drizzle-orm/pg-core";

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
    // A facility's hits with what their weight needs, read index-only (jurisdiction outage evidence).
    index("outage_facility_hits_facility_cover_idx").on(t.facilityId, t.outageId, t.severity, t.startedAt),
    // The hits started after a date, read index-only to take them out of the totals (risk OUTAGE_HISTORY).
    index("outage_facility_hits_started_idx").on(t.startedAt, t.facilityId, t.severity),
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
    // A vendor's hits with what their weight needs, read index-only (vendor outage evidence).
    index("outage_vendor_hits_vendor_cover_idx").on(t.vendorId, t.outageId, t.severity, t.startedAt),
    index("outage_vendor_hits_started_idx").on(t.startedAt, t.vendorId, t.severity),
  ],
);

/**
 * Per facility (outage_facility_totals) and per vendor (outage_vendor_totals) with at least one hit:
 * how many hits and the sum of their weights at the reference day, Σ hyperscope_outage_epoch_weight
 * (severity, started_at) = Σ severity/5 · 2^(days from 2000-01-01 to the start's UTC day / 365).
 * Maintained by statement-level triggers on the hit tables (migration 0007), so they always equal a
 * recomputation from them (up to float rounding). Risk OUTAGE_HISTORY at D is the sum less the hits
 * started after D, scaled by 2^(−days from 2000-01-01 to D / 365) (src/indices/risk/formulas.ts).
 */
export const outageFacilityTotals = pgTable("outage_facility_totals", {
  facilityId: integer("facility_id").primaryKey(),
  hits: integer("hits").notNull(),
  weightSum: doublePrecision("weight_sum").notNull(),
});

export const outageVendorTotals = pgTable("outage_vendor_totals", {
  vendorId: integer("vendor_id").primaryKey(),
  hits: integer("hits").notNull(),
  weightSum: doublePrecision("weight_sum").notNull(),
});

/**
 * One row: a counter bumped once per committed transaction that wrote a fact table, whichever server
 * instance (or SQL session) made it. The index result cache (src/indices/cache.ts) keys results by it.
 * A statement-level trigger on every fact table (migration 0006) records the writing transaction in
 * data_version_writers; a deferred trigger there bumps the counter at commit (migration 0008), so a
 * writer holds the counter's row lock only while it commits: concurrent writers do not queue on it for
 * the length of their transactions, and cannot deadlock on it.
 */
export const dataVersion = pgTable(
  "data_version",
  {
    id: smallint("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("data_version_single_row", sql`${t.id} = 1`)],
);

/** Transactions that wrote a fact table and have not committed yet (empty between transactions). */
export const dataVersionWriters = pgTable("data_version_writers", {
  txid: bigint("txid", { mode: "number" }).primaryKey(),
});
