import { sql } from "drizzle-orm";
import {
  check,
  date,
  doublePrecision,
  type ExtraConfigColumn,
  index,
  integer,
  pgTable,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { chips } from "./chips.ts";
import { countryPattern, factColumns, id, slugCheck, subdivisionPattern, timestamps } from "./columns.ts";
import { cooling, facilityStatus } from "./enums.ts";
import { orderingIndexes } from "./orderings.ts";
import { vendors } from "./vendors.ts";

const re = (pattern: string) => sql.raw(`'${pattern}'`);

/** The facility columns lists are sorted by (see orderingIndexes). */
const facilityOrderKeys = (
  t: Record<"name" | "country" | "itPowerMw" | "rackDensityKwTypical" | "operationalOn", ExtraConfigColumn>,
) => [t.name, t.country, t.itPowerMw, t.rackDensityKwTypical, t.operationalOn];

/**
 * A data-center facility or campus. A facility counts as operational at a date D when it has entered
 * service by D (status OPERATIONAL or DECOMMISSIONED, operational_on null or <= D) and was not
 * decommissioned by D.
 */
export const facilities = pgTable(
  "facilities",
  {
    id: id(),
    slug: text("slug").notNull().unique("facilities_slug_unique"),
    name: text("name").notNull(),
    operatorId: integer("operator_id")
      .notNull()
      .references(() => vendors.id, { onDelete: "restrict" }),
    country: text("country").notNull(),
    subdivision: text("subdivision"),
    city: text("city"),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    gridRegion: text("grid_region"),
    status: facilityStatus("status").notNull(),
    announcedOn: date("announced_on", { mode: "string" }),
    operationalOn: date("operational_on", { mode: "string" }),
    decommissionedOn: date("decommissioned_on", { mode: "string" }),
    itPowerMw: doublePrecision("it_power_mw"),
    plannedItPowerMw: doublePrecision("planned_it_power_mw"),
    /** Total facility (grid connection) power as the source states it; IT MW = facility MW / PUE. */
    facilityPowerMw: doublePrecision("facility_power_mw"),
    plannedFacilityPowerMw: doublePrecision("planned_facility_power_mw"),
    rackDensityKwTypical: doublePrecision("rack_density_kw_typical"),
    rackDensityKwMax: doublePrecision("rack_density_kw_max"),
    cooling: cooling("cooling"),
    pue: doublePrecision("pue"),
    wue: doublePrecision("wue"),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    slugCheck("facilities", t.slug),
    check("facilities_country_iso", sql`${t.country} ~ ${re(countryPattern)}`),
    check(
      "facilities_subdivision_iso",
      sql`${t.subdivision} ~ ${re(subdivisionPattern)} and left(${t.subdivision}, 2) = ${t.country}`,
    ),
    check("facilities_latitude_range", sql`${t.latitude} between -90 and 90`),
    check("facilities_longitude_range", sql`${t.longitude} between -180 and 180`),
    check("facilities_it_power_mw_nonnegative", sql`${t.itPowerMw} >= 0`),
    check("facilities_planned_it_power_mw_nonnegative", sql`${t.plannedItPowerMw} >= 0`),
    check("facilities_facility_power_mw_nonnegative", sql`${t.facilityPowerMw} >= 0`),
    check("facilities_planned_facility_power_mw_nonnegative", sql`${t.plannedFacilityPowerMw} >= 0`),
    check("facilities_rack_density_typical_nonnegative", sql`${t.rackDensityKwTypical} >= 0`),
    check("facilities_rack_density_max_gte_typical", sql`${t.rackDensityKwMax} >= ${t.rackDensityKwTypical}`),
    check("facilities_pue_at_least_1", sql`${t.pue} >= 1`),
    check("facilities_wue_nonnegative", sql`${t.wue} >= 0`),
    check("facilities_operational_after_announced", sql`${t.operationalOn} >= ${t.announcedOn}`),
    check("facilities_decommissioned_after_operational", sql`${t.decommissionedOn} >= ${t.operationalOn}`),
    index("facilities_operator_idx").on(t.operatorId),
    index("facilities_country_idx").on(t.country),
    index("facilities_subdivision_idx").on(t.subdivision),
    index("facilities_status_idx").on(t.status),
    index("facilities_grid_region_idx").on(t.gridRegion),
    index("facilities_rack_density_idx").on(t.rackDensityKwTypical),
    index("facilities_it_power_idx").on(t.itPowerMw),
    // Keyset pages in every ordering, per operator (nested), and by the filters analysts use most.
    ...orderingIndexes("facilities", t.id, facilityOrderKeys(t)),
    ...orderingIndexes("facilities", t.id, facilityOrderKeys(t), t.operatorId),
    ...orderingIndexes("facilities", t.id, [t.name], t.country),
    ...orderingIndexes("facilities", t.id, [t.name], t.status),
  ],
);

/** How many accelerators of one chip a facility holds as of a date; the latest row at or before D is the count at D. */
export const deployments = pgTable(
  "deployments",
  {
    id: id(),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    chipId: integer("chip_id")
      .notNull()
      .references(() => chips.id, { onDelete: "restrict" }),
    acceleratorCount: integer("accelerator_count").notNull(),
    asOf: date("as_of", { mode: "string" }).notNull(),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    check("deployments_accelerator_count_nonnegative", sql`${t.acceleratorCount} >= 0`),
    unique("deployments_facility_chip_as_of_unique").on(t.facilityId, t.chipId, t.asOf),
    index("deployments_chip_idx").on(t.chipId),
    // The deployment in force per (facility, chip) at a date (latestDeploymentsAt in
    // src/indices/operational.ts) is a backward scan of this index alone: id and count are in it.
    index("deployments_latest_idx").on(t.facilityId, t.chipId, t.asOf, t.id, t.acceleratorCount),
    ...orderingIndexes("deployments", t.id, [t.asOf, t.acceleratorCount]),
    ...orderingIndexes("deployments", t.id, [t.asOf, t.acceleratorCount], t.facilityId),
    ...orderingIndexes("deployments", t.id, [t.asOf, t.acceleratorCount], t.chipId),
  ],
);

/**
 * The capacity history of a facility: dated phases, each with the IT MW and/or the facility (total)
 * MW its sources state and the status of that capacity. The phase in force at D is the latest
 * OPERATIONAL phase with effective_on <= D; the facility's flat columns hold the latest figures.
 * Invariants: at most one phase per facility and date (phases never overlap), at least one MW, and an
 * ESTIMATED phase carries its method in `note`.
 */
export const capacityPhases = pgTable(
  "capacity_phases",
  {
    id: id(),
    facilityId: integer("facility_id")
      .notNull()
      .references(() => facilities.id, { onDelete: "cascade" }),
    effectiveOn: date("effective_on", { mode: "string" }).notNull(),
    itPowerMw: doublePrecision("it_power_mw"),
    facilityPowerMw: doublePrecision("facility_power_mw"),
    status: facilityStatus("status").notNull(),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    unique("capacity_phases_facility_effective_on_unique").on(t.facilityId, t.effectiveOn),
    check("capacity_phases_some_mw", sql`${t.itPowerMw} is not null or ${t.facilityPowerMw} is not null`),
    check("capacity_phases_it_power_mw_nonnegative", sql`${t.itPowerMw} >= 0`),
    check("capacity_phases_facility_power_mw_nonnegative", sql`${t.facilityPowerMw} >= 0`),
    check(
      "capacity_phases_estimate_has_method",
      sql`${t.confidence} <> 'ESTIMATED' or ${t.note} is not null`,
    ),
  ],
);
