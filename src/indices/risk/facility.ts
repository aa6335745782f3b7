import { type SQL, sql } from "drizzle-orm";
import { dependencyActiveAt } from "../operational.ts";
import { codeRuleEvidence, hitCounts, hitWeight, placeKey } from "./base.ts";
import { combineExposure, systemicImportance } from "./formulas.ts";
import { knownColumn, noteColumn, SORT_KEY_WIDTH, type SubjectSql, valueColumn } from "./subject.ts";

/**
 * FACILITY risk: POWER_DENSITY (typical rack kW), OUTAGE_HISTORY (outages naming the facility),
 * REGULATORY_EXPOSURE (rules of its subdivision, country and unions), SYSTEMIC_IMPORTANCE (its
 * operational MW and its direct dependents, each against the largest facility's), ENVIRONMENT (PUE/WUE).
 */
export function facilitySubject(at: SQL): SubjectSql {
  const rules = codeRuleEvidence(
    sql`select p.subject_id, pc.code from page p join facilities f on f.id = p.subject_id::int
      join place_codes pc on pc.place = ${placeKey("f")}`,
  );
  return {
    // A facility's exposure is its place's (the rules of the place's codes combined). Not materialised:
    // inlined, it is unique per place, so counting the subjects drops the join.
    ctes: sql`place_regulatory as not materialized (
        select pc.place, ${combineExposure(sql`ce.v`)} as v
        from place_codes pc join code_exposure ce on ce.code = pc.code
        group by pc.place
      ),
      fac_dependents as (
        select d.provider_facility_id as facility_id, count(distinct d.dependent_id) as n
        from dependencies d
        where d.provider_facility_id is not null and ${dependencyActiveAt("d", at)}
        group by d.provider_facility_id
      ),
      fac_max as materialized (
        select (select max(m.mw) from fac_values m) as mw,
          (select max(m.n) from fac_dependents m join fac_values mv on mv.id = m.facility_id) as n
      )`,
    // The maxima of SYSTEMIC_IMPORTANCE are over every facility existing at asOf, whatever the filter.
    subjects: sql`select fv.id::text as subject_id, lpad(fv.id::text, ${SORT_KEY_WIDTH}, '0') as sort_key, fv.country, fv.mw,
        coalesce(fv.power_density, 0) as ${valueColumn("POWER_DENSITY")},
        case when fv.power_density is null then 'no typical rack density recorded: counted as 0' end as ${noteColumn("POWER_DENSITY")},
        fv.outage as ${valueColumn("OUTAGE_HISTORY")},
        case when not fv.outage_known then 'no outage on record hit this facility by asOf' end as ${noteColumn("OUTAGE_HISTORY")},
        coalesce(fr.v, 0)::float8 as ${valueColumn("REGULATORY_EXPOSURE")},
        case when fr.v is null then 'no power/carbon/water/grid/sovereignty rule in its jurisdictions by asOf' end
          as ${noteColumn("REGULATORY_EXPOSURE")},
        ${systemicImportance(sql`fv.mw`, sql`fm.mw`, sql`coalesce(fd.n, 0)`, sql`fm.n`)} as ${valueColumn("SYSTEMIC_IMPORTANCE")},
        case when fv.mw = 0 and fd.n is null then 'not operational at asOf (or no MW recorded) and no dependents: counted as 0' end
          as ${noteColumn("SYSTEMIC_IMPORTANCE")},
        coalesce(fv.environment, 0) as ${valueColumn("ENVIRONMENT")},
        case when fv.environment is null then 'no PUE or WUE recorded: counted as 0' end as ${noteColumn("ENVIRONMENT")},
        fv.power_density is not null as ${knownColumn("POWER_DENSITY")},
        true as ${knownColumn("OUTAGE_HISTORY")},
        true as ${knownColumn("REGULATORY_EXPOSURE")},
        fv.mw_known as ${knownColumn("SYSTEMIC_IMPORTANCE")},
        fv.environment is not null as ${knownColumn("ENVIRONMENT")}
      from fac_values fv cross join fac_max fm left join fac_dependents fd on fd.facility_id = fv.id
      left join place_regulatory fr on fr.place = fv.place`,
    names: sql`select p.subject_id, f.name, f.slug from page p join facilities f on f.id = p.subject_id::int`,
    evidence: sql`select p.subject_id, 'POWER_DENSITY' as component, 'FACILITY' as kind, f.id::text as id, 1::float8 as weight
        from page p join facilities f on f.id = p.subject_id::int where f.rack_density_kw_typical is not null
      union all
      select p.subject_id, 'OUTAGE_HISTORY', 'OUTAGE', h.outage_id::text, ${hitWeight("h", at)}
        from page p join outage_facility_hits h on h.facility_id = p.subject_id::int where ${hitCounts("h", at)}
      union all
      ${rules.listed}
      union all
      select p.subject_id, 'SYSTEMIC_IMPORTANCE', 'FACILITY', p.subject_id, 1 from page p where p.mw > 0
      union all
      select p.subject_id, 'SYSTEMIC_IMPORTANCE', 'DEPENDENCY', d.id::text, coalesce(d.weight, 1)
        from page p join dependencies d on d.provider_facility_id = p.subject_id::int where ${dependencyActiveAt("d", at)}
      union all
      select p.subject_id, 'ENVIRONMENT', 'FACILITY', f.id::text, 1
        from page p join facilities f on f.id = p.subject_id::int where f.pue is not null or f.wue is not null`,
    evidenceCtes: rules.ctes,
    unlistedEvidence: rules.unlisted,
  };
}
