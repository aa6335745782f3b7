import { type SQL, sql } from "drizzle-orm";
import { facilityJurisdictions } from "../../facilities/jurisdictions.ts";
import {
  codeRuleEvidence,
  facilityEvidenceRanks,
  hitCounts,
  hitWeight,
  topEvidence,
  topEvidenceCte,
  unlistedFacilityEvidence,
} from "./base.ts";
import { capacityImportance, capacityWeightedSums, combineExposure, meanOfSums } from "./formulas.ts";
import { EVIDENCE_LIMIT } from "./parameters.ts";
import { knownColumn, noteColumn, type SubjectSql, valueColumn } from "./subject.ts";

/** Columns <name>_weighted and <name>_mw: the two capacity-weighted sums of a facility value. */
const sums = (value: SQL, name: string): SQL => {
  const s = capacityWeightedSums(value, sql`fv.mw`);
  return sql`${s.weighted} as ${sql.identifier(`${name}_weighted`)}, ${s.mw} as ${sql.identifier(`${name}_mw`)}`;
};

/**
 * The jurisdictions whose rules apply inside jurisdiction `code` (an SQL text expression): the same
 * rule as for a facility placed there — a subdivision sees itself, its country and the country's
 * unions; a country itself and its unions; a union itself.
 */
const rulesReaching = (code: SQL): SQL =>
  facilityJurisdictions({
    country: sql`left(${code}, 2)`,
    subdivision: sql`(case when ${code} like '__-%' then ${code} end)`,
  });

/**
 * JURISDICTION risk. The jurisdiction's facilities are those operational at asOf that it covers (a
 * country covers its subdivisions' facilities, the EU its member states'). POWER_DENSITY,
 * OUTAGE_HISTORY and ENVIRONMENT are capacity-weighted (MW) means of the facilities' own values;
 * REGULATORY_EXPOSURE combines the rules reaching inside it (its own, its country's, its unions');
 * SYSTEMIC_IMPORTANCE is its operational MW against the largest jurisdiction's (so the EU and large
 * countries rank high). Subjects: every code a facility or a rule names.
 */
export function jurisdictionSubject(at: SQL): SubjectSql {
  const rules = codeRuleEvidence(
    sql`select p.subject_id, c.code from page p cross join lateral unnest(${rulesReaching(sql`p.subject_id`)}) c(code)`,
  );
  const unlisted = unlistedFacilityEvidence("r");
  const outages = topEvidence("ev_outages_top", "OUTAGE_HISTORY", "OUTAGE");
  return {
    // A facility's codes are its place's (place_codes: the shared rule evaluated once per place).
    ctes: sql`jur as materialized (
        select x.code from (
          select pc.code from place_codes pc
          union select e.jurisdiction from regulatory_events e
        ) x
      ),
      -- Facility evidence of POWER_DENSITY, SYSTEMIC_IMPORTANCE and ENVIRONMENT (weight: MW), ranked per
      -- place as the evidence is ranked (weight desc, id as text). A jurisdiction's facilities are those
      -- of its places, so its top EVIDENCE_LIMIT are among its places' top EVIDENCE_LIMIT: only those are
      -- kept (with n, the place's count) and listed for the page, the rest counted (unlistedEvidence).
      place_fac_evidence as materialized (
        ${facilityEvidenceRanks(sql`fv.place`, sql`fac_values fv`)}
      ),
      -- A jurisdiction's facilities are its places' (a facility's codes are its place's), so its MW and
      -- capacity-weighted means come from per-place sums, each facility read once.
      place_capacity as materialized (
        select fv.place, sum(fv.mw) as mw,
          ${sums(sql`fv.power_density`, "power_density")},
          ${sums(sql`fv.outage`, "outage")},
          ${sums(sql`fv.environment`, "environment")}
        from fac_values fv where fv.operational group by fv.place
      ),
      jur_capacity as (
        select pc.code, sum(c.mw) as mw,
          ${meanOfSums(sql`sum(c.power_density_weighted)`, sql`sum(c.power_density_mw)`)} as power_density,
          ${meanOfSums(sql`sum(c.outage_weighted)`, sql`sum(c.outage_mw)`)} as outage,
          ${meanOfSums(sql`sum(c.environment_weighted)`, sql`sum(c.environment_mw)`)} as environment
        from place_capacity c join place_codes pc on pc.place = c.place group by pc.code
      ),
      jur_regulatory as (
        select j.code, ${combineExposure(sql`ce.v`)} as v
        from jur j cross join lateral unnest(${rulesReaching(sql`j.code`)}) r(code)
        join code_exposure ce on ce.code = r.code
        group by j.code
      ),
      jur_systemic as (
        select j.code, coalesce(jc.mw, 0) as mw, ${capacityImportance(sql`coalesce(jc.mw, 0)`, sql`max(coalesce(jc.mw, 0)) over ()`)} as v
        from jur j left join jur_capacity jc on jc.code = j.code
      )`,
    subjects: sql`select js.code as subject_id, js.code as sort_key, left(js.code, 2) as country,
        coalesce(jc.power_density, 0) as ${valueColumn("POWER_DENSITY")},
        case when jc.power_density is null then 'no operational facility with MW and rack density: counted as 0' end
          as ${noteColumn("POWER_DENSITY")},
        coalesce(jc.outage, 0) as ${valueColumn("OUTAGE_HISTORY")},
        case when jc.outage is null then 'no operational facility with MW: counted as 0' end as ${noteColumn("OUTAGE_HISTORY")},
        coalesce(jr.v, 0) as ${valueColumn("REGULATORY_EXPOSURE")},
        case when jr.v is null then 'no power/carbon/water/grid/sovereignty rule reaching it by asOf' end as ${noteColumn("REGULATORY_EXPOSURE")},
        js.v as ${valueColumn("SYSTEMIC_IMPORTANCE")},
        case when js.mw = 0 then 'no operational MW at asOf: counted as 0' end as ${noteColumn("SYSTEMIC_IMPORTANCE")},
        coalesce(jc.environment, 0) as ${valueColumn("ENVIRONMENT")},
        case when jc.environment is null then 'no operational facility with MW and PUE/WUE: counted as 0' end as ${noteColumn("ENVIRONMENT")},
        jc.power_density is not null as ${knownColumn("POWER_DENSITY")},
        jc.outage is not null as ${knownColumn("OUTAGE_HISTORY")},
        true as ${knownColumn("REGULATORY_EXPOSURE")},
        true as ${knownColumn("SYSTEMIC_IMPORTANCE")},
        jc.environment is not null as ${knownColumn("ENVIRONMENT")}
      from jur_systemic js
      left join jur_capacity jc on jc.code = js.code
      left join jur_regulatory jr on jr.code = js.code`,
    names: sql`select p.subject_id, p.subject_id as name, null::text as slug from page p`,
    evidence: sql`select p.subject_id, r.component, 'FACILITY' as kind, r.id::text as id, r.mw as weight
        from page p join place_codes pc on pc.code = p.subject_id
        join place_fac_evidence r on r.key = pc.place
      union all
      ${outages.listed}
      union all
      ${rules.listed}
`,
    // OUTAGE_HISTORY evidence. An outage that hit several of the jurisdiction's facilities counts once:
    // its hits all carry the outage's severity and start (copied on write), so it is one (id, weight).
    // A jurisdiction's facilities are those of its places, so its outages are the union of its places'
    // and its top EVIDENCE_LIMIT are among its places' top EVIDENCE_LIMIT (ranked the same way): each
    // page place's hits are read once and sorted once (jur_place_outages: its outage ids, and its top
    // ones with their weights: those ranked <= EVIDENCE_LIMIT by weight alone, so outages tied at the
    // cut are all kept and the id-as-text order is applied where the jurisdiction ranks); a jurisdiction ranks the union of its places' top ones (jur_outages_ranked, whose n
    // counts only those) and counts its distinct outages in jur_outage_counts (one place: that place's
    // count; several: the distinct ids of the union), the n of ev_outages_top.
    evidenceCtes: sql`${rules.ctes},
      jur_page_places as materialized (
        select pc.code, pc.place, count(*) over (partition by pc.code) as places
        from place_codes pc join page p on p.subject_id = pc.code
      ),
      jur_place_outages as materialized (
        select pf.place, o.ids, o.top_ids, o.top_ws
        from (
          select f.place, array_agg(f.id) as ids from fac f
          where f.operational and f.place in (select pp.place from jur_page_places pp) group by f.place
        ) pf
        cross join lateral (
          select array_agg(d.id) as ids,
            array_agg(d.id) filter (where d.rank <= ${EVIDENCE_LIMIT}) as top_ids,
            array_agg(d.w) filter (where d.rank <= ${EVIDENCE_LIMIT}) as top_ws
          from (
            select d.id, d.w, rank() over (order by d.w desc) as rank
            from (
              select distinct ${hitWeight("h", at)} as w, h.outage_id as id
              from outage_facility_hits h
              where h.facility_id = any(pf.ids) and ${hitCounts("h", at)}
              order by w desc, id
            ) d
          ) d
        ) o
        where o.ids is not null
      ),
      jur_outage_counts as materialized (
        select pp.code, case when pp.places = 1 then (
            select cardinality(po.ids) from jur_place_outages po where po.place = pp.place
          ) else (
            select count(distinct u.id) from (
              select unnest(po.ids) as id from jur_page_places q join jur_place_outages po on po.place = q.place
              where q.code = pp.code
            ) u
          ) end as n
        from (select distinct on (pp.code) pp.code, pp.place, pp.places from jur_page_places pp order by pp.code) pp
      ),
      ${topEvidenceCte(
        "jur_outages_ranked",
        (s) => sql`select distinct u.id, u.w
          from jur_page_places pp join jur_place_outages po on po.place = pp.place
          cross join unnest(po.top_ids, po.top_ws) u(id, w)
          where pp.code = ${s}`,
      )},
      ev_outages_top as materialized (
        select r.subject_id, r.id, r.w, c.n from jur_outages_ranked r join jur_outage_counts c on c.code = r.subject_id
      )`,
    unlistedEvidence: sql`${rules.unlisted}
      union all
      ${outages.unlisted}
      union all
      select p.subject_id, r.component, sum(${unlisted.unlisted}) as n
        from page p join place_codes pc on pc.code = p.subject_id
        join place_fac_evidence r on r.key = pc.place and ${unlisted.last}
        group by p.subject_id, r.component`,
  };
}
