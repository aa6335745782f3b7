import { type SQL, sql } from "drizzle-orm";
import { facilityJurisdictions } from "../../facilities/jurisdictions.ts";
import { itMwOf } from "../capacity.ts";
import { operationalAt } from "../operational.ts";
import {
  combineExposure,
  environment,
  epochWeightsAt,
  outageEpochWeight,
  outageHistory,
  outageStartedAfter,
  outageStartedBy,
  outageWeight,
  powerDensity,
  ruleCounts,
  stageWeight,
} from "./formulas.ts";
import { EVIDENCE_LIMIT } from "./parameters.ts";

/** A facility's jurisdictions (the shared rule of src/facilities/jurisdictions.ts) for alias `f`. */
export const jurisdictionsOf = (f: string): SQL =>
  facilityJurisdictions({ country: sql.raw(`${f}.country`), subdivision: sql.raw(`${f}.subdivision`) });

/**
 * The hits of outage-hit table alias `h` (outage_facility_hits or outage_vendor_hits: one row per
 * distinct subject and outage, with the outage's severity and start) that count at `at`, and each
 * one's weight at `at` (formulas.ts outageWeight; the decay is applied here, at any asOf).
 */
export const hitCounts = (h: string, at: SQL): SQL => outageStartedBy(sql.raw(`${h}.started_at`), at);
export const hitWeight = (h: string, at: SQL): SQL =>
  outageWeight(sql.raw(`${h}.severity`), sql.raw(`${h}.started_at`), at);

/**
 * Per subject of an outage-total table (outage_facility_totals or outage_vendor_totals, keyed by `key`,
 * with the matching hit table), the sum of the weights at `at` of its hits started by `at`; subjects
 * with none have no row. The maintained totals hold every hit; the hits started after `at` (none
 * for a recent asOf) are read through the hit table's index on the start and taken out.
 */
export const outageTotalsAt = (totals: string, hits: string, key: string, at: SQL): SQL => {
  const [t, h, k] = [sql.identifier(totals), sql.identifier(hits), sql.identifier(key)];
  return sql`select t.${k}, ${epochWeightsAt(sql`t.weight_sum - coalesce(l.weight_sum, 0)`, at)} as total
    from ${t} t
    left join (
      select h.${k}, count(*) as hits, sum(${outageEpochWeight(sql`h.severity`, sql`h.started_at`)}) as weight_sum
      from ${h} h where ${outageStartedAfter(sql`h.started_at`, at)} group by h.${k}
    ) l on l.${k} = t.${k}
    where t.hits > coalesce(l.hits, 0)`;
};

/** The order evidence rows are ranked in: weight `w` desc, then id `id` as text. */
export const evidenceOrder = (w: SQL, id: SQL): SQL => sql`${w} desc nulls last, ${id}::text`;

/**
 * Evidence CTE `name` (after `page`): for each page subject, its EVIDENCE_LIMIT most influential rows
 * of one component and how many it has in all. `rowsOf(subject)` yields (id, w) for one subject (an
 * SQL text expression); they are ranked as the evidence is (w desc, id as text) with a bounded top-N
 * sort per subject, so the page's evidence never sorts every row of every subject. Columns:
 * subject_id, id, w, n (the subject's row count; listed rows = least(n, EVIDENCE_LIMIT)).
 */
export const topEvidenceCte = (name: string, rowsOf: (subject: SQL) => SQL): SQL =>
  sql`${sql.identifier(name)} as materialized (
      select p.subject_id, t.id, t.w, t.n
      from page p cross join lateral (
        select x.id, x.w, count(*) over () as n from (${rowsOf(sql`p.subject_id`)}) x(id, w)
        order by ${evidenceOrder(sql`x.w`, sql`x.id`)} limit ${EVIDENCE_LIMIT}
      ) t
    )`;

/** Evidence rows and the unlisted count of a topEvidenceCte. */
export function topEvidence(name: string, component: string, kind: string): { listed: SQL; unlisted: SQL } {
  const cte = sql.identifier(name);
  return {
    listed: sql`select t.subject_id, ${component}::text as component, ${kind}::text as kind, t.id::text as id, t.w::float8 as weight from ${cte} t`,
    unlisted: sql`select t.subject_id, ${component}::text as component, max(t.n) - count(*) as n from ${cte} t group by t.subject_id`,
  };
}

/**
 * REGULATORY_EXPOSURE evidence of the page from the rules of jurisdiction codes. `pageCodes` yields
 * rows (subject_id, code): the distinct codes whose rules reach each page subject. A subject's most
 * influential rules are among its codes' top EVIDENCE_LIMIT, ranked as the evidence is (evidenceOrder),
 * so only the page's codes are ranked (ev_rules_by_code) and, per subject, the union of its codes' top
 * rules with a bounded sort (ctes, to place after `page`); the others are counted: a subject has Σ n
 * over its codes (code_exposure) and lists least(that, EVIDENCE_LIMIT) of them.
 */
export function codeRuleEvidence(pageCodes: SQL): { ctes: SQL; listed: SQL; unlisted: SQL } {
  return {
    ctes: sql`ev_rule_codes as materialized (${pageCodes}),
      ev_rules_by_code as materialized (
        select x.code, array_agg(x.id) as ids, array_agg(x.w) as ws
        from (
          select r.jurisdiction as code, r.id, r.w,
            row_number() over (partition by r.jurisdiction order by ${evidenceOrder(sql`r.w`, sql`r.id`)}) as rn
          from rules r where r.jurisdiction in (select c.code from ev_rule_codes c)
        ) x
        where x.rn <= ${EVIDENCE_LIMIT}
        group by x.code
      ),
      ${topEvidenceCte(
        "ev_rules_top",
        (s) => sql`select u.id, u.w from ev_rule_codes c join ev_rules_by_code b on b.code = c.code
          cross join lateral unnest(b.ids, b.ws) u(id, w) where c.subject_id = ${s}`,
      )}`,
    listed: sql`select t.subject_id, 'REGULATORY_EXPOSURE' as component, 'REGULATORY_EVENT' as kind, t.id::text as id, t.w as weight
        from ev_rules_top t`,
    unlisted: sql`select c.subject_id, 'REGULATORY_EXPOSURE' as component, sum(ce.n) - least(sum(ce.n), ${EVIDENCE_LIMIT}) as n
        from ev_rule_codes c join code_exposure ce on ce.code = c.code group by c.subject_id`,
  };
}

/**
 * Facility evidence of POWER_DENSITY, SYSTEMIC_IMPORTANCE and ENVIRONMENT (weight: MW) per group `key`
 * (an SQL expression over `from`, which joins fac_values, or rows with its columns, as fv): each group's
 * operational facilities with MW ranked as the evidence is ranked (MW desc, id as text), as rows
 * (key, component, id, mw, rn, n) with rn <= EVIDENCE_LIMIT (POWER_DENSITY and ENVIRONMENT: among those
 * with the input) and n the group's count for the component. The narrow rows (g) are sorted once: one
 * window gives the three running ranks, the counts are a grouping of the same rows, and a row ranked
 * past EVIDENCE_LIMIT for every component (pd_rn <= si_rn, so pd_rn or env_rn decides) is dropped
 * before it is joined.
 */
export const facilityEvidenceRanks = (key: SQL, from: SQL): SQL =>
  sql`with g as materialized (
      select ${key} as key, fv.id, fv.mw, fv.power_density is not null as pd, fv.environment is not null as env
      from ${from}
      where fv.operational and fv.mw > 0
    ),
    counts as (
      select g.key, count(*) filter (where g.pd) as pd_n, count(*) as si_n, count(*) filter (where g.env) as env_n
      from g group by g.key
    ),
    ranked as (
      select g.key, g.id, g.mw, g.pd, g.env,
        count(*) filter (where g.pd) over w as pd_rn, count(*) over w as si_rn, count(*) filter (where g.env) over w as env_rn
      from g
      window w as (partition by g.key order by g.mw desc, g.id::text rows between unbounded preceding and current row)
    )
    select x.key, c.component, x.id, x.mw, c.rn, c.n
    from (select * from ranked r where r.pd_rn <= ${EVIDENCE_LIMIT} or r.env_rn <= ${EVIDENCE_LIMIT}) x
    join counts k on k.key = x.key
    cross join lateral (values
      ('POWER_DENSITY', x.pd, x.pd_rn, k.pd_n),
      ('SYSTEMIC_IMPORTANCE', true, x.si_rn, k.si_n),
      ('ENVIRONMENT', x.env, x.env_rn, k.env_n)) c(component, applies, rn, n)
    where c.applies and c.rn <= ${EVIDENCE_LIMIT}`;

/**
 * The facilities counted but not listed, from facilityEvidenceRanks rows aliased `r`: a group's row
 * ranked EVIDENCE_LIMIT (its last listed) stands for its n − EVIDENCE_LIMIT others when there are more.
 */
export const unlistedFacilityEvidence = (r: string): { last: SQL; unlisted: SQL } => ({
  last: sql.raw(`(${r}.rn = ${EVIDENCE_LIMIT} and ${r}.n > ${EVIDENCE_LIMIT})`),
  unlisted: sql.raw(`(${r}.n - ${EVIDENCE_LIMIT})`),
});

/** A facility place (alias `f`) as one hashable key: country and subdivision. */
export const placeKey = (f: string): SQL =>
  sql.raw(`(${f}.country || '/' || coalesce(${f}.subdivision, ''))`);

/**
 * CTEs every subject kind builds on, at date `at`:
 * - fac: facilities that exist at `at` (not CANCELLED, announced by then or undated, not decommissioned
 *   by then), with `operational` (operationalAt), `mw` (IT MW when operational, else 0: the latest
 *   flat figures, IT MW derived from facility MW / PUE by capacity.ts where only that is stated) and
 *   `mw_known` (a MW figure is recorded, or the facility is not operational so 0 is true);
 * - rules: rules that count at `at` with their stage weight w > 0 (REPEALED/WITHDRAWN drop out);
 * - code_exposure: REGULATORY_EXPOSURE of each jurisdiction code's own rules, and how many (n);
 * - place_codes: each distinct facility place (country/subdivision, key `place`) with its
 *   jurisdiction codes — computed per place, not per facility;
 * - fac_outage: per facility the sum of the weights of the distinct outages that hit it (no row when
 *   none of them started by `at`), from outage_facility_totals (outageTotalsAt; maintained on write:
 *   no hit is read but those started after `at`);
 * - fac_values: each facility's own component values (null = no data) with its country and place
 *   (names are read for the page only: SubjectSql.names; REGULATORY_EXPOSURE is its place's, which
 *   the facility ranking joins: other kinds take exposure from their codes).
 */
export function baseCtes(at: SQL): SQL {
  return sql`fac as materialized (
      select f.id, f.operator_id, f.country, f.subdivision, f.rack_density_kw_typical, f.pue, f.wue,
        ${placeKey("f")} as place,
        ${operationalAt("f", at)} as operational,
        (case when ${operationalAt("f", at)} then coalesce(${itMwOf(sql`f.it_power_mw`, sql`f.facility_power_mw`, sql`f.pue`)}, 0) else 0 end)::float8 as mw,
        (f.it_power_mw is not null or f.facility_power_mw is not null or not ${operationalAt("f", at)}) as mw_known
      from facilities f
      where f.status <> 'CANCELLED' and (f.announced_on is null or f.announced_on <= ${at})
        and (f.decommissioned_on is null or f.decommissioned_on > ${at})
    ),
    rules as materialized (
      select e.id, e.jurisdiction, ${stageWeight(sql`e.stage`)} as w
      from regulatory_events e
      where ${ruleCounts("e", at)} and ${stageWeight(sql`e.stage`)} > 0
    ),
    code_exposure as materialized (
      select r.jurisdiction as code, ${combineExposure(sql`r.w`)} as v, count(*) as n from rules r group by r.jurisdiction
    ),
    place_codes as materialized (
      select p.place, j.code
      from (select f.place, min(f.country) as country, min(f.subdivision) as subdivision from fac f group by f.place) p
      cross join lateral unnest(${jurisdictionsOf("p")}) j(code)
    ),
    fac_outage as (${outageTotalsAt("outage_facility_totals", "outage_facility_hits", "facility_id", at)}),
    fac_values as materialized (
      select f.id, f.country, f.place, f.operator_id, f.operational, f.mw, f.mw_known,
        ${powerDensity(sql`f.rack_density_kw_typical`)} as power_density,
        ${outageHistory(sql`fo.total`)} as outage,
        fo.total is not null as outage_known,
        ${environment(sql`f.pue`, sql`f.wue`)} as environment
      from fac f
      left join fac_outage fo on fo.facility_id = f.id
    )`;
}
