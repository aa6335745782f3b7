import { type SQL, sql } from "drizzle-orm";
import { capacityAt } from "../capacity.ts";
import { acceleratorsAt, operationalAt } from "../operational.ts";
import { ultimateParents } from "../rollup.ts";
import type { CheckedSpec, ConcentrationDimension } from "./spec.ts";

/** What kind of entity a dimension's keys name. */
export function entityKindOf(dimension: ConcentrationDimension): "VENDOR" | "COUNTRY" | "GRID_REGION" {
  if (dimension === "COUNTRY") return "COUNTRY";
  if (dimension === "GRID_REGION") return "GRID_REGION";
  return "VENDOR";
}

/** The vendor column of a vendor dimension in the rows (`r` alias); null for the others. */
function vendorColumn(spec: CheckedSpec): SQL | null {
  if (spec.measure === "REPORTED_SHARE") return sql`r.vendor_id`;
  switch (spec.dimension) {
    case "OPERATOR":
      return sql`r.operator_id`;
    case "CHIP_DESIGNER":
      return sql`r.designer_id`;
    case "FOUNDRY":
      return sql`r.foundry_id`;
    default:
      return null;
  }
}

/** The key of a row (`r` alias) in the dimension, rolled up to the ultimate parent when asked (`up` alias). */
function keyOf(spec: CheckedSpec): { key: SQL; join: SQL } {
  const vendor = vendorColumn(spec);
  if (vendor === null) {
    return { key: spec.dimension === "COUNTRY" ? sql`r.country` : sql`r.grid_region`, join: sql`` };
  }
  if (spec.rollup === "NONE") return { key: sql`${vendor}::text`, join: sql`` };
  return {
    key: sql`coalesce(up.top_id, ${vendor})::text`,
    join: sql`left join ${ultimateParents()} up on up.id = ${vendor}`,
  };
}

/**
 * One row per contributing record: (entity_key text, value float8) at date `at` (an SQL date
 * expression, so a series can pass a generated column). A null entity_key is measure that no entity of
 * the dimension owns (e.g. a facility without a grid region, a chip without a known foundry). Vendor
 * dimensions key rows by the ultimate parent unless spec.rollup is NONE.
 * - CAPACITY_MW: the IT MW at `at` of facilities operational at `at` (capacity.ts: the phase in force,
 *   stated IT MW or facility MW / PUE), with `derived` and `estimated` flags; a facility with no MW at
 *   `at` is a row with a null value (it contributes nothing to the shares);
 * - ACCELERATORS: accelerator counts installed at `at` (latest deployment row per facility and chip);
 * - REPORTED_SHARE: the share each vendor has in the segment for the period containing `at`; when a
 *   vendor has several rows covering `at` (different bases or nested periods), the one with the latest
 *   period start wins (then the shortest period, then the basis alphabetically).
 */
export function valuedRows(spec: CheckedSpec, at: SQL): SQL {
  const { key, join } = keyOf(spec);
  switch (spec.measure) {
    case "CAPACITY_MW": {
      // Every facility in scope, with or without MW (value null adds nothing to the shares), so the
      // coverage is counted from the same rows (coverageOf).
      const cap = capacityAt("r", at);
      return sql`select ${key} as entity_key, ${cap.itMw} as value, ${cap.derived} as derived, ${cap.estimated} as estimated
        from facilities r ${cap.join} ${join}
        where ${operationalAt("r", at)}`;
    }
    case "ACCELERATORS":
      return sql`select ${key} as entity_key, r.accelerator_count::float8 as value from ${acceleratorsAt(at)} r ${join}`;
    case "REPORTED_SHARE":
      return sql`select ${key} as entity_key, r.share::float8 as value from ${reportedShares(spec, at)} r ${join}`;
  }
}

/** Per vendor the one market-share row of the segment that counts at `at` (see valuedRows). */
function reportedShares(spec: CheckedSpec, at: SQL): SQL {
  return sql`(
    select distinct on (ms.vendor_id) ms.vendor_id, ms.share, ms.confidence
    from market_shares ms
    where ms.segment = ${spec.segment} and ms.share is not null
      and ms.period_start <= ${at} and ms.period_end >= ${at}
    order by ms.vendor_id, ms.period_start desc, ms.period_end asc, ms.basis asc
  )`;
}

/**
 * The coverage of an index at `at` (CAPACITY_MW: from `valued`, the rows of valuedRows), one row: rows_in_scope, rows_with_value, total_value,
 * derived_value (part of total_value computed rather than stated: IT MW from facility MW / PUE) and
 * estimated_value (part of total_value from ESTIMATED rows).
 * - CAPACITY_MW: facilities operational at `at`; with a value = an IT or facility MW at `at`;
 * - ACCELERATORS: facilities operational at `at`; with a value = with accelerators installed at `at`;
 * - REPORTED_SHARE: vendors with a row of the segment covering `at`; with a value = every such row.
 */
export function coverageOf(spec: CheckedSpec, at: SQL, valued: SQL): SQL {
  switch (spec.measure) {
    case "CAPACITY_MW":
      return sql`select count(*)::int as rows_in_scope, count(v.value)::int as rows_with_value,
          coalesce(sum(v.value), 0)::float8 as total_value,
          coalesce(sum(v.value) filter (where v.derived), 0)::float8 as derived_value,
          coalesce(sum(v.value) filter (where v.estimated), 0)::float8 as estimated_value
        from (${valued}) v`;
    case "ACCELERATORS":
      return sql`select (select count(*) from facilities f where ${operationalAt("f", at)})::int as rows_in_scope,
          count(distinct a.facility_id) filter (where a.accelerator_count > 0)::int as rows_with_value,
          coalesce(sum(a.accelerator_count), 0)::float8 as total_value,
          0::float8 as derived_value,
          coalesce(sum(a.accelerator_count) filter (where d.confidence = 'ESTIMATED'), 0)::float8 as estimated_value
        from ${acceleratorsAt(at)} a join deployments d on d.id = a.deployment_id`;
    case "REPORTED_SHARE":
      return sql`select count(*)::int as rows_in_scope, count(*)::int as rows_with_value,
          coalesce(sum(r.share), 0)::float8 as total_value,
          0::float8 as derived_value,
          coalesce(sum(r.share) filter (where r.confidence = 'ESTIMATED'), 0)::float8 as estimated_value
        from ${reportedShares(spec, at)} r`;
  }
}
