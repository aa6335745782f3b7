import { type SQL, sql } from "drizzle-orm";

/**
 * True when facility `f` (a table alias) is operational at date `at` (an SQL date expression):
 * it entered service (status OPERATIONAL or DECOMMISSIONED, operational_on null or <= at) and was not
 * yet decommissioned (decommissioned_on null or > at). The one definition every index uses.
 */
export function operationalAt(f: string, at: SQL): SQL {
  const a = sql.raw(f);
  return sql`(${a}.status in ('OPERATIONAL', 'DECOMMISSIONED')
    and (${a}.operational_on is null or ${a}.operational_on <= ${at})
    and (${a}.decommissioned_on is null or ${a}.decommissioned_on > ${at}))`;
}

/**
 * The deployment in force at date `at` of each (facility, chip): its latest row with as_of <= at.
 * Columns: id, facility_id, chip_id, accelerator_count. A (facility, chip) has at most one row per
 * as_of (unique index deployments (facility_id, chip_id, as_of)), so the latest is one row, read by
 * scanning deployments_latest_idx (facility_id, chip_id, as_of, id, accelerator_count) backwards,
 * index-only, instead of sorting every deployment (vendor risk ranking ×0.92–0.96 side by side).
 */
function latestDeploymentsAt(at: SQL): SQL {
  return sql`(
    select distinct on (d.facility_id, d.chip_id) d.id, d.facility_id, d.chip_id, d.accelerator_count
    from deployments d
    where d.as_of <= ${at}
    order by d.facility_id desc, d.chip_id desc, d.as_of desc
  )`;
}

/**
 * Accelerators installed at date `at`: the deployment in force (latestDeploymentsAt) of each
 * (facility, chip), at facilities operational at `at`. Columns: facility_id, chip_id,
 * accelerator_count, deployment_id, operator_id, country, grid_region, designer_id, foundry_id.
 */
export function acceleratorsAt(at: SQL): SQL {
  return sql`(
    select latest.facility_id, latest.chip_id, latest.accelerator_count, latest.id as deployment_id,
           f.operator_id, f.country, f.grid_region, c.designer_id, c.foundry_id
    from ${latestDeploymentsAt(at)} latest
    join facilities f on f.id = latest.facility_id
    join chips c on c.id = latest.chip_id
    where ${operationalAt("f", at)}
  )`;
}

/**
 * Dependencies active at date `at`: since null or <= at, and until null or > at.
 * `d` is the dependencies table alias.
 */
export function dependencyActiveAt(d: string, at: SQL): SQL {
  const a = sql.raw(d);
  return sql`((${a}.since is null or ${a}.since <= ${at}) and (${a}.until is null or ${a}.until > ${at}))`;
}
