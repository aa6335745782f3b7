import { type SQL, sql } from "drizzle-orm";
import { facilityJurisdictions } from "../../facilities/jurisdictions.ts";
import { operationalAt } from "../operational.ts";
import {
  combineExposure,
  environment,
  outageHistory,
  outageStartedBy,
  outageWeight,
  powerDensity,
  ruleCounts,
  stageWeight,
} from "./formulas.ts";

/** A facility's jurisdictions (the shared rule of src/facilities/jurisdictions.ts) for alias `f`. */
export const jurisdictionsOf = (f: string): SQL =>
  facilityJurisdictions({ country: sql.raw(`${f}.country`), subdivision: sql.raw(`${f}.subdivision`) });

/**
 * CTEs every subject kind builds on, at date `at`:
 * - fac: facilities that exist at `at` (not CANCELLED, announced by then or undated, not decommissioned
 *   by then), with `operational` (operationalAt) and `mw` (IT MW when operational, else 0);
 * - rules: rules that count at `at` with their stage weight w > 0 (REPEALED/WITHDRAWN drop out);
 * - code_exposure: REGULATORY_EXPOSURE of each jurisdiction code's own rules;
 * - fac_outage_hits: distinct (facility, outage) with the outage's weight at `at`;
 * - fac_values: each facility's component values (null = no data).
 */
export function baseCtes(at: SQL): SQL {
  return sql`fac as materialized (
      select f.id, f.slug, f.name, f.operator_id, f.country, f.subdivision, f.rack_density_kw_typical, f.pue, f.wue,
        ${operationalAt("f", at)} as operational,
        (case when ${operationalAt("f", at)} then coalesce(f.it_power_mw, 0) else 0 end)::float8 as mw
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
      select r.jurisdiction as code, ${combineExposure(sql`r.w`)} as v from rules r group by r.jurisdiction
    ),
    fac_outage_hits as materialized (
      select x.facility_id, x.outage_id, ${outageWeight(sql`x.severity`, sql`x.started_at`, at)} as w
      from (
        select distinct i.facility_id, o.id as outage_id, o.severity, o.started_at
        from outage_impacts i join outages o on o.id = i.outage_id
        where i.facility_id is not null and ${outageStartedBy(sql`o.started_at`, at)}
      ) x
    ),
    fac_outage as (select h.facility_id, sum(h.w) as total from fac_outage_hits h group by h.facility_id),
    fac_regulatory as (
      select f.id, ${combineExposure(sql`ce.v`)} as v
      from fac f cross join lateral unnest(${jurisdictionsOf("f")}) j(code)
      join code_exposure ce on ce.code = j.code
      group by f.id
    ),
    fac_values as materialized (
      select f.id, f.operator_id, f.operational, f.mw,
        ${powerDensity(sql`f.rack_density_kw_typical`)} as power_density,
        ${outageHistory(sql`fo.total`)} as outage,
        fo.total is not null as outage_known,
        coalesce(fr.v, 0)::float8 as regulatory,
        fr.v is not null as regulatory_known,
        ${environment(sql`f.pue`, sql`f.wue`)} as environment
      from fac f
      left join fac_outage fo on fo.facility_id = f.id
      left join fac_regulatory fr on fr.id = f.id
    )`;
}
