/**
 * The concentration formulas of DESIGN §3 that are not aggregates (the aggregates — shares, HHI, CRn —
 * are computed in SQL by statistics.ts). Thresholds are the 2023 US Merger Guidelines.
 */

/** HHI strictly above this is HIGHLY_CONCENTRATED. */
export const HIGHLY_CONCENTRATED_ABOVE = 1800;
/** HHI at or above this (and at most 1,800) is MODERATELY_CONCENTRATED; below it UNCONCENTRATED. */
export const MODERATELY_CONCENTRATED_FROM = 1000;
/** A change of more than this many HHI points into a highly concentrated market is significant. */
export const SIGNIFICANT_DELTA = 100;

export type ConcentrationClass = "HIGHLY_CONCENTRATED" | "MODERATELY_CONCENTRATED" | "UNCONCENTRATED";

/** 2023 Merger Guidelines class: > 1,800 highly; 1,000..1,800 (both inclusive) moderately; < 1,000 un-. */
export function concentrationClass(hhi: number): ConcentrationClass {
  if (hhi > HIGHLY_CONCENTRATED_ABOVE) return "HIGHLY_CONCENTRATED";
  if (hhi >= MODERATELY_CONCENTRATED_FROM) return "MODERATELY_CONCENTRATED";
  return "UNCONCENTRATED";
}

/** The number of equal-sized firms that would give this HHI: 10,000 / HHI. */
export function effectiveCompetitors(hhi: number): number {
  return 10_000 / hhi;
}

/** A significant increase: the market is highly concentrated (HHI > 1,800) and rose by more than 100. */
export function isSignificantIncrease(hhi: number, delta: number): boolean {
  return hhi > HIGHLY_CONCENTRATED_ABOVE && delta > SIGNIFICANT_DELTA;
}
