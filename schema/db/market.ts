import { sql } from "drizzle-orm";
import { check, date, doublePrecision, index, integer, pgTable, text, unique } from "drizzle-orm/pg-core";
import { factColumns, id, timestamps } from "./columns.ts";
import { dependencyKind, disclosureKind, disclosureMetric } from "./enums.ts";
import { facilities } from "./facilities.ts";
import { orderingIndexes } from "./orderings.ts";
import { vendors } from "./vendors.ts";

/** A figure a vendor disclosed (or that others estimated or measured) for a period. */
export const disclosures = pgTable(
  "disclosures",
  {
    id: id(),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    metric: disclosureMetric("metric").notNull(),
    kind: disclosureKind("kind").notNull(),
    value: doublePrecision("value").notNull(),
    unit: text("unit").notNull(),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    check("disclosures_period_end_after_start", sql`${t.periodEnd} >= ${t.periodStart}`),
    unique("disclosures_natural_key").on(t.vendorId, t.metric, t.kind, t.periodStart, t.periodEnd),
    index("disclosures_metric_idx").on(t.metric, t.periodEnd),
    ...orderingIndexes("disclosures", t.id, [t.periodEnd, t.periodStart, t.value, t.metric, t.createdAt]),
    ...orderingIndexes(
      "disclosures",
      t.id,
      [t.periodEnd, t.periodStart, t.value, t.metric, t.createdAt],
      t.vendorId,
    ),
  ],
);

/** A vendor's share of a market segment (e.g. `ai-accelerators`) in a period, by a stated basis. */
export const marketShares = pgTable(
  "market_shares",
  {
    id: id(),
    segment: text("segment").notNull(),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    periodEnd: date("period_end", { mode: "string" }).notNull(),
    share: doublePrecision("share"),
    value: doublePrecision("value"),
    unit: text("unit"),
    basis: text("basis").notNull(),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    check("market_shares_segment_format", sql`${t.segment} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("market_shares_share_range", sql`${t.share} between 0 and 1`),
    check("market_shares_value_nonnegative", sql`${t.value} >= 0`),
    check("market_shares_has_figure", sql`num_nonnulls(${t.share}, ${t.value}) >= 1`),
    check("market_shares_value_has_unit", sql`${t.value} is null or ${t.unit} is not null`),
    check("market_shares_period_end_after_start", sql`${t.periodEnd} >= ${t.periodStart}`),
    unique("market_shares_natural_key").on(t.segment, t.vendorId, t.periodStart, t.periodEnd, t.basis),
    index("market_shares_segment_period_idx").on(t.segment, t.periodStart, t.periodEnd),
    index("market_shares_vendor_idx").on(t.vendorId),
    ...orderingIndexes("market_shares", t.id, [t.periodEnd, t.share, t.value, t.segment, t.createdAt]),
    ...orderingIndexes(
      "market_shares",
      t.id,
      [t.periodEnd, t.share, t.value, t.segment, t.createdAt],
      t.vendorId,
    ),
  ],
);

/**
 * A dependent vendor relies on a provider (a vendor or a facility, exactly one) for `weight` (0..1) of
 * its need of this kind, from `since` until `until` (open-ended when null).
 */
export const dependencies = pgTable(
  "dependencies",
  {
    id: id(),
    dependentId: integer("dependent_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "cascade" }),
    providerVendorId: integer("provider_vendor_id").references(() => vendors.id, { onDelete: "cascade" }),
    providerFacilityId: integer("provider_facility_id").references(() => facilities.id, {
      onDelete: "cascade",
    }),
    kind: dependencyKind("kind").notNull(),
    weight: doublePrecision("weight"),
    since: date("since", { mode: "string" }),
    until: date("until", { mode: "string" }),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    check(
      "dependencies_exactly_one_provider",
      sql`num_nonnulls(${t.providerVendorId}, ${t.providerFacilityId}) = 1`,
    ),
    check("dependencies_not_self", sql`${t.providerVendorId} <> ${t.dependentId}`),
    check("dependencies_weight_range", sql`${t.weight} between 0 and 1`),
    check("dependencies_until_after_since", sql`${t.until} >= ${t.since}`),
    unique("dependencies_natural_key")
      .on(t.dependentId, t.providerVendorId, t.providerFacilityId, t.kind, t.since)
      .nullsNotDistinct(),
    index("dependencies_dependent_idx").on(t.dependentId),
    index("dependencies_provider_vendor_idx").on(t.providerVendorId),
    index("dependencies_provider_facility_idx").on(t.providerFacilityId),
    ...orderingIndexes("dependencies", t.id, [t.weight, t.since, t.kind, t.createdAt]),
    ...orderingIndexes("dependencies", t.id, [t.weight, t.since, t.kind, t.createdAt], t.dependentId),
    ...orderingIndexes("dependencies", t.id, [t.weight, t.since, t.kind, t.createdAt], t.providerVendorId),
    ...orderingIndexes("dependencies", t.id, [t.weight, t.since, t.kind, t.createdAt], t.providerFacilityId),
  ],
);
