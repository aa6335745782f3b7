import type { ChipPlan } from "./chips.ts";
import type { PlannedCounts } from "./counts.ts";
import type { FacilityPlan } from "./facilities.ts";
import type { VendorPlan } from "./vendors.ts";

/** Tables the generator fills with ids of its own (identity columns). */
export const ID_TABLES = [
  "vendors",
  "chips",
  "facilities",
  "deployments",
  "models",
  "outages",
  "outage_impacts",
  "regulatory_events",
  "regulatory_event_subjects",
  "disclosures",
  "market_shares",
  "dependencies",
] as const;
export type IdTable = (typeof ID_TABLES)[number];

/** One table's rows, in `columns` order, produced lazily so large tables stream. */
export interface TableRows {
  table: IdTable;
  columns: readonly string[];
  rows: () => Iterable<unknown[]>;
}

/**
 * What every generator may read: the seed, the planned counts, the id offsets, and the plans of the
 * entities other tables refer to (vendors, chips, facilities). Plans are built once, up front.
 */
export interface World {
  seed: number;
  counts: PlannedCounts;
  /** max(id) of each table before the load: row i (0-based) of the load gets id `base + i + 1`. */
  base: Record<IdTable, number>;
  /** Note carried by every synthetic fact row. */
  note: string;
  vendors: VendorPlan;
  chips: ChipPlan[];
  facilities: FacilityPlan[];
}

export const idOf = (world: World, table: IdTable, index: number): number => world.base[table] + index + 1;

export const FACT_COLUMNS = ["confidence", "note"] as const;
/** Every synthetic fact is an estimate: it is made up. */
export const factValues = (world: World) => ["ESTIMATED", world.note] as const;
