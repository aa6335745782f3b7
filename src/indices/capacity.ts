import { type SQL, sql } from "drizzle-orm";

/**
 * IT capacity of a facility, the one place the rule is written (DESIGN §3):
 * - the phase in force at D is the latest capacity phase of the facility with status OPERATIONAL and
 *   effective_on <= D; a facility with a capacity history uses it (before its first operational phase
 *   it has no MW at D), a facility without one uses its flat columns (the latest figures);
 * - IT MW is the stated IT MW, else facility (total) MW / PUE, with the facility's own PUE or, without
 *   one, REFERENCE_PUE. Such a figure is *derived* and is reported as such (coverage), never silently.
 */

/**
 * Reference PUE for deriving IT MW from facility MW when a facility states no PUE of its own: the
 * industry-average annual PUE of 1.56 in the Uptime Institute Global Data Center Survey 2024.
 */
export const REFERENCE_PUE = 1.56;
export const REFERENCE_PUE_SOURCE =
  "https://uptimeinstitute.com/resources/research-and-reports/uptime-institute-global-data-center-survey-results-2024";

/** IT MW from stated IT MW, facility MW and the facility's PUE (SQL expressions); null when neither MW. */
export const itMwOf = (itMw: SQL, facilityMw: SQL, pue: SQL): SQL =>
  sql`coalesce((${itMw})::float8, (${facilityMw})::float8 / coalesce((${pue})::float8, ${sql.raw(`${REFERENCE_PUE}::float8`)}))`;

/** True when the IT MW of itMwOf is derived from facility MW (no stated IT MW, a facility MW). */
export const itMwDerived = (itMw: SQL, facilityMw: SQL): SQL =>
  sql`((${itMw}) is null and (${facilityMw}) is not null)`;

/**
 * A lateral subquery for facility alias `f` at date `at`, columns (it_mw float8 or null, derived bool,
 * estimated bool): the facility's IT MW at `at` by the rule above. Use as
 * `left join lateral ${capacityAt("f", at)} cap on true`.
 */
export function capacityAt(f: string, at: SQL): SQL {
  const a = sql.raw(f);
  return sql`(
    select ${itMwOf(sql`src.it`, sql`src.fac`, sql`${a}.pue`)} as it_mw,
      ${itMwDerived(sql`src.it`, sql`src.fac`)} as derived,
      src.confidence = 'ESTIMATED' as estimated
    from (
      select p.it_power_mw as it, p.facility_power_mw as fac, p.confidence::text as confidence
      from capacity_phases p
      where p.facility_id = ${a}.id and p.status = 'OPERATIONAL' and p.effective_on <= ${at}
      order by p.effective_on desc
      limit 1
    ) src
    union all
    select ${itMwOf(sql`${a}.it_power_mw`, sql`${a}.facility_power_mw`, sql`${a}.pue`)},
      ${itMwDerived(sql`${a}.it_power_mw`, sql`${a}.facility_power_mw`)},
      ${a}.confidence = 'ESTIMATED'
    where not exists (select 1 from capacity_phases q where q.facility_id = ${a}.id)
  )`;
}
