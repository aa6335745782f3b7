import { type SQL, sql } from "drizzle-orm";
import { acceleratorsAt, dependencyActiveAt } from "../operational.ts";
import {
  codeRuleEvidence,
  facilityEvidenceRanks,
  hitCounts,
  hitWeight,
  outageTotalsAt,
  topEvidence,
  topEvidenceCte,
  unlistedFacilityEvidence,
} from "./base.ts";
import {
  capacityWeightedMean,
  combineExposure,
  environment,
  outageHistory,
  powerDensity,
  supplyConcentration,
  systemicImportance,
} from "./formulas.ts";
import { knownColumn, noteColumn, SORT_KEY_WIDTH, type SubjectSql, valueColumn } from "./subject.ts";

/**
 * VENDOR risk, over the vendor's facilities operational at asOf:
 * POWER_DENSITY and ENVIRONMENT are their capacity-weighted (MW) means; OUTAGE_HISTORY counts outages
 * naming the vendor or any facility it operates; REGULATORY_EXPOSURE combines the rules of the distinct jurisdictions of its
 * operational facilities (per jurisdiction, as code_exposure) and the rules naming the vendor outside those; SYSTEMIC_IMPORTANCE is its
 * operational MW and its distinct direct dependents (on it or its facilities) against the largest
 * vendor's; SUPPLY_CONCENTRATION is the top-designer/top-foundry share of its installed accelerators.
 */
export function vendorSubject(at: SQL): SubjectSql {
  const rules = codeRuleEvidence(
    sql`select p.subject_id, vc.code from page p join ven_codes vc on vc.vendor_id::text = p.subject_id`,
  );
  const outages = topEvidence("ev_outages_top", "OUTAGE_HISTORY", "OUTAGE");
  const unlisted = unlistedFacilityEvidence("f");
  const deployments = topEvidence("ev_deployments_top", "SUPPLY_CONCENTRATION", "DEPLOYMENT");
  return {
    // The vendors' operational facilities with their own values, from fac: a vendor needs no per-facility
    // OUTAGE_HISTORY or REGULATORY_EXPOSURE, so fac_values (which joins both to every facility) is not read.
    ctes: sql`ven_fac as materialized (
        select f.id, f.operator_id, f.operational, f.mw, f.mw_known,
          ${powerDensity(sql`f.rack_density_kw_typical`)} as power_density, ${environment(sql`f.pue`, sql`f.wue`)} as environment
        from fac f where f.operational
      ),
      ven_capacity as (
        select f.operator_id as vendor_id, sum(f.mw) as mw, count(*) filter (where not f.mw_known) as mw_unknown,
          ${capacityWeightedMean(sql`f.power_density`, sql`f.mw`)} as power_density,
          ${capacityWeightedMean(sql`f.environment`, sql`f.mw`)} as environment
        from ven_fac f group by f.operator_id
      ),
      -- Per vendor the weights of its (vendor, outage) pairs, from outage_vendor_totals (maintained on write).
      ven_outage as (${outageTotalsAt("outage_vendor_totals", "outage_vendor_hits", "vendor_id", at)}),
      ven_codes as materialized (
        select distinct vp.vendor_id, pc.code
        from (select distinct f.operator_id as vendor_id, f.place from fac f where f.operational) vp
        join place_codes pc on pc.place = vp.place
      ),
      ven_named_rules as materialized (
        select distinct s.vendor_id, r.id as rule_id, r.w
        from regulatory_event_subjects s join rules r on r.id = s.event_id
        where s.vendor_id is not null
          and not exists (select 1 from ven_codes vc where vc.vendor_id = s.vendor_id and vc.code = r.jurisdiction)
      ),
      ven_regulatory as (
        select x.vendor_id, ${combineExposure(sql`x.v`)} as v
        from (
          select vc.vendor_id, ce.v from ven_codes vc join code_exposure ce on ce.code = vc.code
          union all
          select n.vendor_id, n.w from ven_named_rules n
        ) x
        group by x.vendor_id
      ),
      ven_dependents as (
        select x.vendor_id, count(distinct x.dependent_id) as n
        from (
          select d.provider_vendor_id as vendor_id, d.dependent_id from dependencies d
          where d.provider_vendor_id is not null and ${dependencyActiveAt("d", at)}
          union all
          select f.operator_id, d.dependent_id from dependencies d join facilities f on f.id = d.provider_facility_id
          where d.provider_facility_id is not null and ${dependencyActiveAt("d", at)}
        ) x
        where x.dependent_id <> x.vendor_id
        group by x.vendor_id
      ),
      ven_acc as materialized (
        select a.deployment_id, a.accelerator_count, a.operator_id, a.designer_id, a.foundry_id from ${acceleratorsAt(at)} a
      ),
      ven_top_designer as (
        select x.operator_id as vendor_id, max(x.n) / sum(x.n) as share
        from (select a.operator_id, a.designer_id, sum(a.accelerator_count)::float8 as n from ven_acc a group by 1, 2) x
        group by x.operator_id having sum(x.n) > 0
      ),
      ven_top_foundry as (
        select x.operator_id as vendor_id, max(x.n) / sum(x.n) as share
        from (select a.operator_id, a.foundry_id, sum(a.accelerator_count)::float8 as n from ven_acc a
              where a.foundry_id is not null group by 1, 2) x
        group by x.operator_id having sum(x.n) > 0
      ),
      ven_supply as (
        select d.vendor_id, ${supplyConcentration(sql`d.share`, sql`tf.share`)} as v, tf.share is null as no_foundry
        from ven_top_designer d left join ven_top_foundry tf on tf.vendor_id = d.vendor_id
      ),
      ven_systemic as (
        select v.id, coalesce(vc.mw, 0) as mw, coalesce(vd.n, 0) as n,
          ${systemicImportance(sql`coalesce(vc.mw, 0)`, sql`max(coalesce(vc.mw, 0)) over ()`, sql`coalesce(vd.n, 0)`, sql`max(coalesce(vd.n, 0)) over ()`)} as v
        from vendors v
        left join ven_capacity vc on vc.vendor_id = v.id
        left join ven_dependents vd on vd.vendor_id = v.id
      )`,
    subjects: sql`select v.id::text as subject_id, lpad(v.id::text, ${SORT_KEY_WIDTH}, '0') as sort_key, v.hq_country as country,
        coalesce(vc.power_density, 0) as ${valueColumn("POWER_DENSITY")},
        case when vc.power_density is null then 'no operational facility with MW and rack density at asOf: counted as 0' end
          as ${noteColumn("POWER_DENSITY")},
        ${outageHistory(sql`vo.total`)} as ${valueColumn("OUTAGE_HISTORY")},
        case when vo.total is null then 'no outage on record hit this vendor or its facilities by asOf' end as ${noteColumn("OUTAGE_HISTORY")},
        coalesce(vr.v, 0) as ${valueColumn("REGULATORY_EXPOSURE")},
        case when vr.v is null then 'no power/carbon/water/grid/sovereignty rule in its facilities'' jurisdictions or naming it by asOf' end
          as ${noteColumn("REGULATORY_EXPOSURE")},
        vs.v as ${valueColumn("SYSTEMIC_IMPORTANCE")},
        case when vs.mw = 0 and vs.n = 0 then 'no operational MW and no dependents at asOf: counted as 0' end as ${noteColumn("SYSTEMIC_IMPORTANCE")},
        coalesce(vc.environment, 0) as ${valueColumn("ENVIRONMENT")},
        case when vc.environment is null then 'no operational facility with MW and PUE/WUE at asOf: counted as 0' end as ${noteColumn("ENVIRONMENT")},
        coalesce(su.v, 0) as ${valueColumn("SUPPLY_CONCENTRATION")},
        case when su.v is null then 'no accelerators installed in its operational facilities at asOf: counted as 0'
             when su.no_foundry then 'no foundry known for its chips: top-designer share only' end as ${noteColumn("SUPPLY_CONCENTRATION")},
        vc.power_density is not null as ${knownColumn("POWER_DENSITY")},
        true as ${knownColumn("OUTAGE_HISTORY")},
        true as ${knownColumn("REGULATORY_EXPOSURE")},
        coalesce(vc.mw_unknown, 0) = 0 as ${knownColumn("SYSTEMIC_IMPORTANCE")},
        vc.environment is not null as ${knownColumn("ENVIRONMENT")},
        su.v is not null as ${knownColumn("SUPPLY_CONCENTRATION")}
      from vendors v
      join ven_systemic vs on vs.id = v.id
      left join ven_capacity vc on vc.vendor_id = v.id
      left join ven_outage vo on vo.vendor_id = v.id
      left join ven_regulatory vr on vr.vendor_id = v.id
      left join ven_supply su on su.vendor_id = v.id`,
    names: sql`select p.subject_id, v.name, v.slug from page p join vendors v on v.id = p.subject_id::int`,
    evidence: sql`select f.key as subject_id, f.component, 'FACILITY' as kind, f.id::text as id, f.mw as weight
        from ev_ven_fac f
      union all
      ${outages.listed}
      union all
      ${rules.listed}
      union all
      select p.subject_id, 'REGULATORY_EXPOSURE', 'REGULATORY_EVENT', n.rule_id::text, n.w
        from page p join ven_named_rules n on n.vendor_id::text = p.subject_id
      union all
      select p.subject_id, 'SYSTEMIC_IMPORTANCE', 'DEPENDENCY', d.id::text, coalesce(d.weight, 1)
        from page p join dependencies d on d.provider_vendor_id::text = p.subject_id
        where ${dependencyActiveAt("d", at)} and d.dependent_id::text <> p.subject_id
      union all
      select p.subject_id, 'SYSTEMIC_IMPORTANCE', 'DEPENDENCY', d.id::text, coalesce(d.weight, 1)
        from page p join facilities f on f.operator_id::text = p.subject_id
        join dependencies d on d.provider_facility_id = f.id
        where ${dependencyActiveAt("d", at)} and d.dependent_id::text <> p.subject_id
      union all
      ${deployments.listed}`,
    // A page vendor's facility evidence (weight: MW; POWER_DENSITY and ENVIRONMENT: those with the
    // input), ranked per vendor as the evidence is ranked (weight desc, id as text) in one sort, and its
    // deployments (weight: accelerators), gathered per page vendor into arrays and ranked per vendor
    // with a bounded sort: only each list's top EVIDENCE_LIMIT go to the evidence ranking, the rest are
    // counted (unlistedEvidence).
    evidenceCtes: sql`ev_ven_fac as materialized (
        ${facilityEvidenceRanks(sql`p.subject_id`, sql`page p join ven_fac fv on fv.operator_id::text = p.subject_id`)}
      ),
      ev_ven_acc as materialized (
        select a.operator_id, array_agg(a.deployment_id) as ids, array_agg(a.accelerator_count) as counts
        from ven_acc a where a.operator_id in (select p.subject_id::int from page p) group by a.operator_id
      ),
      ${topEvidenceCte(
        "ev_deployments_top",
        (s) => sql`select u.id, u.w from ev_ven_acc b cross join lateral unnest(b.ids, b.counts) u(id, w)
          where b.operator_id = ${s}::int`,
      )},
      ${rules.ctes},
      ${topEvidenceCte(
        "ev_outages_top",
        (s) => sql`select h.outage_id, ${hitWeight("h", at)} from outage_vendor_hits h
          where h.vendor_id = ${s}::int and ${hitCounts("h", at)}`,
      )}`,
    unlistedEvidence: sql`${rules.unlisted} union all ${outages.unlisted}
      union all
      select f.key, f.component, ${unlisted.unlisted} from ev_ven_fac f where ${unlisted.last}
      union all
      ${deployments.unlisted}`,
  };
}
