import { type SQL, sql } from "drizzle-orm";
import { acceleratorsAt, operationalAt } from "../operational.ts";
import type { CheckedSpec, ConcentrationDimension } from "./spec.ts";

/** What kind of entity a dimension's keys name. */
export function entityKindOf(dimension: ConcentrationDimension): "VENDOR" | "COUNTRY" | "GRID_REGION" {
  if (dimension === "COUNTRY") return "COUNTRY";
  if (dimension === "GRID_REGION") return "GRID_REGION";
  return "VENDOR";
}

/** The key column of a dimension in the facility/accelerator rows (`r` alias). */
function keyOf(dimension: ConcentrationDimension): SQL {
  switch (dimension) {
    case "OPERATOR":
      return sql`r.operator_id::text`;
    case "CHIP_DESIGNER":
      return sql`r.designer_id::text`;
    case "FOUNDRY":
      return sql`r.foundry_id::text`;
    case "COUNTRY":
      return sql`r.country`;
    case "GRID_REGION":
      return sql`r.grid_region`;
  }
}

/**
 * One row per contributing record: (entity_key text, value float8) at date `at` (an SQL date
 * expression, so a series can pass a generated column). A null entity_key is measure that no entity of
 * the dimension owns (e.g. a facility without a grid region, a chip without a known foundry).
 * - CAPACITY_MW: it_power_mw of facilities operational at `at` (null MW contributes nothing);
 * - ACCELERATORS: accelerator counts installed at `at` (latest deployment row per facility and chip);
 * - REPORTED_SHARE: the share each vendor has in the segment for the period containing `at`; when a
 *   vendor has several rows covering `at` (different bases or nested periods), the one with the latest
 *   period start wins (then the shortest period, then the basis alphabetically).
 */
export function valuedRows(spec: CheckedSpec, at: SQL): SQL {
  const key = keyOf(spec.dimension);
  switch (spec.measure) {
    case "CAPACITY_MW":
      return sql`select ${key} as entity_key, r.it_power_mw::float8 as value
        from facilities r where ${operationalAt("r", at)} and r.it_power_mw is not null`;
    case "ACCELERATORS":
      return sql`select ${key} as entity_key, r.accelerator_count::float8 as value from ${acceleratorsAt(at)} r`;
    case "REPORTED_SHARE":
      return sql`select r.vendor_id::text as entity_key, r.share::float8 as value from (
        select distinct on (ms.vendor_id) ms.vendor_id, ms.share
        from market_shares ms
        where ms.segment = ${spec.segment} and ms.share is not null
          and ms.period_start <= ${at} and ms.period_end >= ${at}
        order by ms.vendor_id, ms.period_start desc, ms.period_end asc, ms.basis asc
      ) r`;
  }
}
