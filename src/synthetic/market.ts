import { isoDate, quarter, yearStart } from "./calendar.ts";
import type { VendorKind } from "./counts.ts";
import { cumulative, Random, round, zipfWeights } from "./random.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

/** Disclosed metrics with their unit and the figure for the largest firm (smaller firms scale down). */
const METRICS: [metric: string, unit: string, largest: number, decimals: number][] = [
  ["CAPEX_USD", "USD", 8e10, -6],
  ["OPEX_USD", "USD", 5e10, -6],
  ["ENERGY_MWH", "MWh", 3e7, 0],
  ["WATER_M3", "m3", 3e7, 0],
  ["EMISSIONS_TCO2E", "tCO2e", 1.5e7, 0],
  ["OVERSIGHT_HEADCOUNT", "people", 5000, 0],
  ["TOKENS_PER_SECOND", "tokens/s", 5e7, 0],
  ["IT_CAPACITY_MW", "MW", 8000, 1],
  ["PUE", "ratio", 0, 2],
  ["WUE", "L/kWh", 0, 2],
  ["RENEWABLE_SHARE", "fraction", 0, 3],
  ["REVENUE_USD", "USD", 1e11, -6],
];
const KINDS = ["REPORTED", "CLAIMED", "ESTIMATED", "MEASURED"];
const KIND_WEIGHTS = cumulative([50, 20, 20, 10]);
const DISCLOSING: VendorKind[] = ["HYPERSCALER", "NEOCLOUD", "COLOCATION"];

/**
 * Annual figures (calendar years up to 2025) for each cloud and colocation operator: two to five
 * metrics each, from a first disclosure year on. (vendor, metric, kind, period) is unique.
 */
export function disclosureRows(world: World): TableRows {
  return {
    table: "disclosures",
    columns: [
      "id",
      "vendor_id",
      "period_start",
      "period_end",
      "metric",
      "kind",
      "value",
      "unit",
      ...FACT_COLUMNS,
    ],
    *rows() {
      const rng = new Random(world.seed, "disclosures");
      const fact = factValues(world);
      let n = 0;
      for (const kind of DISCLOSING) {
        for (const [rank, vendor] of world.vendors.byKind[kind].entries()) {
          const size = 1 / (rank + 1) ** 1.1 / (kind === "HYPERSCALER" ? 1 : 20);
          const firstYear = rng.int(2018, 2024);
          for (const [metric, unit, largest, decimals] of rng.sample(METRICS, rng.int(2, 5))) {
            const disclosureKind = KINDS[rng.weighted(KIND_WEIGHTS)];
            for (let year = firstYear; year <= 2025; year++) {
              const growth = 1.25 ** (year - 2018);
              const value =
                metric === "PUE"
                  ? rng.real(1.08, 1.6)
                  : metric === "WUE"
                    ? rng.real(0.1, 1.9)
                    : metric === "RENEWABLE_SHARE"
                      ? rng.real(0.2, 1, 3)
                      : round(largest * size * growth * (0.8 + 0.4 * rng.next()), decimals);
              yield [
                idOf(world, "disclosures", n++),
                idOf(world, "vendors", vendor),
                isoDate(yearStart(year)),
                isoDate(yearStart(year + 1) - 1),
                metric,
                disclosureKind,
                value,
                unit,
                ...fact,
              ];
            }
          }
        }
      }
    },
  };
}

/** Synthetic segments (prefixed `syn-` so they never mix with curated shares of a real segment). */
const SEGMENTS: [segment: string, kind: VendorKind, basis: string, marketUsd: number | null][] = [
  ["syn-ai-accelerators", "CHIP_DESIGNER", "shipments", null],
  ["syn-cloud-infrastructure", "HYPERSCALER", "revenue", 3e11],
  ["syn-gpu-cloud", "NEOCLOUD", "revenue", 4e10],
  ["syn-colocation", "COLOCATION", "capacity", null],
  ["syn-foundry", "FOUNDRY", "revenue", 1.5e11],
];
/** Firms with a reported share per segment and period; the rest of the market is unattributed. */
const REPORTED_FIRMS = 12;

/**
 * Quarterly shares from 2020 Q1 to 2026 Q1. Per segment and period the shares sum to a coverage in
 * [0.80, 0.98] (each share is rounded down), so the sum never exceeds 1 and an unattributed share remains.
 */
export function marketShareRows(world: World): TableRows {
  return {
    table: "market_shares",
    columns: [
      "id",
      "segment",
      "vendor_id",
      "period_start",
      "period_end",
      "share",
      "value",
      "unit",
      "basis",
      ...FACT_COLUMNS,
    ],
    *rows() {
      const rng = new Random(world.seed, "market-shares");
      const fact = factValues(world);
      let n = 0;
      for (const [segment, kind, basis, marketUsd] of SEGMENTS) {
        const firms = world.vendors.byKind[kind].slice(0, REPORTED_FIRMS);
        const weights = zipfWeights(firms.length, 1.2);
        for (let year = 2020; year <= 2026; year++) {
          for (let q = 1; q <= 4 && !(year === 2026 && q > 1); q++) {
            const period = quarter(year, q);
            // Shares drift: each firm's weight moves a little every quarter.
            for (let f = 0; f < weights.length; f++)
              weights[f] = (weights[f] as number) * (0.9 + 0.2 * rng.next());
            const total = weights.reduce((a, b) => a + b, 0);
            const coverage = rng.real(0.8, 0.98);
            for (const [f, vendor] of firms.entries()) {
              const share = Math.floor(((weights[f] as number) / total) * coverage * 1e4) / 1e4;
              yield [
                idOf(world, "market_shares", n++),
                segment,
                idOf(world, "vendors", vendor),
                isoDate(period.start),
                isoDate(period.end),
                share,
                marketUsd === null ? null : round(share * marketUsd * 0.25, -3),
                marketUsd === null ? null : "USD",
                basis,
                ...fact,
              ];
            }
          }
        }
      }
    },
  };
}
