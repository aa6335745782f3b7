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
 * Capacity of facility alias `f` at date `at`, set-based (two hash joins on small subqueries of
 * capacity_phases, so a scan of every facility stays one pass). `join` goes after `from facilities f`;
 * `itMw` (float8, null = no MW at `at`), `derived` and `estimated` (booleans) are column expressions.
 */
export function capacityAt(f: string, at: SQL): { join: SQL; itMw: SQL; derived: SQL; estimated: SQL } {
  const a = sql.raw(f);
  const ph = sql.raw(`${f}_phase`);
  const has = sql.raw(`${f}_phased`);
  const phased = sql`${has}.facility_id is not null`;
  const pick = (fromPhase: SQL, flat: SQL) => sql`(case when ${phased} then ${fromPhase} else ${flat} end)`;
  return {
    join: sql`left join (
        select distinct on (p.facility_id) p.facility_id, p.it_power_mw, p.facility_power_mw, p.confidence
        from capacity_phases p
        where p.status = 'OPERATIONAL' and p.effective_on <= ${at}
        order by p.facility_id, p.effective_on desc
      ) ${ph} on ${ph}.facility_id = ${a}.id
      left join (select distinct q.facility_id from capacity_phases q) ${has} on ${has}.facility_id = ${a}.id`,
    itMw: pick(
      itMwOf(sql`${ph}.it_power_mw`, sql`${ph}.facility_power_mw`, sql`${a}.pue`),
      itMwOf(sql`${a}.it_power_mw`, sql`${a}.facility_power_mw`, sql`${a}.pue`),
    ),
    derived: sql`coalesce(${pick(
      itMwDerived(sql`${ph}.it_power_mw`, sql`${ph}.facility_power_mw`),
      itMwDerived(sql`${a}.it_power_mw`, sql`${a}.facility_power_mw`),
    )}, false)`,
    estimated: sql`coalesce(${pick(sql`${ph}.confidence = 'ESTIMATED'`, sql`${a}.confidence = 'ESTIMATED'`)}, false)`,
  };
}
