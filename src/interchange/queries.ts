import { type SQL, sql } from "drizzle-orm";
import type { EntityName } from "./entities.ts";

// The SQL behind an export: one query per entity that yields each record as one JSON text column
// `r` in the seeds/README.md shape (references by slug, sources inline by URL), ordered by the
// record's natural key under the "C" collation so the order is the same on every backend and
// locale. Nulls are left in; canonicalRecord() drops them and sorts the inner lists.

/** `sources`: the record's citations as URL strings, or `{url, locator}` when a locator is set. */
const citations = (table: string, subject: string) => `(
  select coalesce(json_agg(case when c.locator is null then to_json(s.url)
                                else json_build_object('url', s.url, 'locator', c.locator) end
                           order by s.url collate "C"), '[]'::json)
  from ${table} c join sources s on s.id = c.source_id where c.subject_id = ${subject}.id)`;

const fact = (table: string, alias: string) =>
  `'confidence', ${alias}.confidence, 'note', ${alias}.note, 'sources', ${citations(table, alias)}`;

const queries: Record<EntityName, string> = {
  sources: `select json_build_object('url', s.url, 'title', s.title, 'publisher', s.publisher,
      'publishedOn', s.published_on, 'retrievedOn', s.retrieved_on)::text as r
    from sources s order by s.url collate "C"`,
  vendors: `select json_build_object('slug', v.slug, 'name', v.name, 'kind', v.kind,
      'hqCountry', v.hq_country, 'parent', p.slug, 'website', v.website, ${fact("vendor_citations", "v")})::text as r
    from vendors v left join vendors p on p.id = v.parent_id order by v.slug collate "C"`,
  chips: `select json_build_object('slug', x.slug, 'name', x.name, 'designer', d.slug, 'foundry', f.slug,
      'processNode', x.process_node, 'releaseDate', x.release_date, 'tdpW', x.tdp_w, 'memoryGb', x.memory_gb,
      'memoryType', x.memory_type, 'memoryBandwidthTbps', x.memory_bandwidth_tbps,
      'bf16DenseTflops', x.bf16_dense_tflops, 'fp8DenseTflops', x.fp8_dense_tflops,
      ${fact("chip_citations", "x")})::text as r
    from chips x join vendors d on d.id = x.designer_id left join vendors f on f.id = x.foundry_id
    order by x.slug collate "C"`,
  facilities: `select json_build_object('slug', x.slug, 'name', x.name, 'operator', o.slug, 'country', x.country,
      'subdivision', x.subdivision, 'city', x.city, 'latitude', x.latitude, 'longitude', x.longitude,
      'gridRegion', x.grid_region, 'status', x.status, 'announcedOn', x.announced_on,
      'operationalOn', x.operational_on, 'decommissionedOn', x.decommissioned_on, 'itPowerMw', x.it_power_mw,
      'plannedItPowerMw', x.planned_it_power_mw, 'facilityPowerMw', x.facility_power_mw,
      'plannedFacilityPowerMw', x.planned_facility_power_mw, 'rackDensityKwTypical', x.rack_density_kw_typical,
      'rackDensityKwMax', x.rack_density_kw_max, 'cooling', x.cooling, 'pue', x.pue, 'wue', x.wue,
      ${fact("facility_citations", "x")})::text as r
    from facilities x join vendors o on o.id = x.operator_id order by x.slug collate "C"`,
  capacityPhases: `select json_build_object('facility', f.slug, 'effectiveOn', x.effective_on,
      'itPowerMw', x.it_power_mw, 'facilityPowerMw', x.facility_power_mw, 'status', x.status,
      ${fact("capacity_phase_citations", "x")})::text as r
    from capacity_phases x join facilities f on f.id = x.facility_id
    order by f.slug collate "C", x.effective_on`,
  deployments: `select json_build_object('facility', f.slug, 'chip', c.slug, 'acceleratorCount', x.accelerator_count,
      'asOf', x.as_of, ${fact("deployment_citations", "x")})::text as r
    from deployments x join facilities f on f.id = x.facility_id join chips c on c.id = x.chip_id
    order by f.slug collate "C", c.slug collate "C", x.as_of`,
  models: `select json_build_object('slug', x.slug, 'name', x.name, 'developer', d.slug,
      'releaseDate', x.release_date, 'openWeights', x.open_weights, 'licence', x.licence,
      'parametersB', x.parameters_b, 'minMemoryGb', x.min_memory_gb, 'smallestHardware', x.smallest_hardware,
      ${fact("model_citations", "x")})::text as r
    from models x join vendors d on d.id = x.developer_id order by x.slug collate "C"`,
  outages: `select json_build_object('slug', x.slug, 'title', x.title, 'startedAt', x.started_at,
      'endedAt', x.ended_at, 'severity', x.severity, 'cause', x.cause, 'servicesAffected', x.services_affected,
      'summary', x.summary,
      'impacts', (select coalesce(json_agg(json_build_object('vendor', v.slug, 'facility', f.slug, 'region', i.region)), '[]'::json)
                  from outage_impacts i left join vendors v on v.id = i.vendor_id
                  left join facilities f on f.id = i.facility_id where i.outage_id = x.id),
      ${fact("outage_citations", "x")})::text as r
    from outages x order by x.slug collate "C"`,
  regulatoryEvents: `select json_build_object('slug', x.slug, 'title', x.title, 'jurisdiction', x.jurisdiction,
      'authority', x.authority, 'instrument', x.instrument, 'stage', x.stage, 'topics', x.topics,
      'announcedOn', x.announced_on, 'effectiveOn', x.effective_on, 'summary', x.summary,
      'subjects', json_build_object(
        'vendors', (select json_agg(v.slug) from regulatory_event_subjects j join vendors v on v.id = j.vendor_id
                    where j.event_id = x.id),
        'facilities', (select json_agg(f.slug) from regulatory_event_subjects j join facilities f on f.id = j.facility_id
                       where j.event_id = x.id)),
      ${fact("regulatory_event_citations", "x")})::text as r
    from regulatory_events x order by x.slug collate "C"`,
  disclosures: `select json_build_object('vendor', v.slug, 'periodStart', x.period_start, 'periodEnd', x.period_end,
      'metric', x.metric, 'kind', x.kind, 'value', x.value, 'unit', x.unit,
      ${fact("disclosure_citations", "x")})::text as r
    from disclosures x join vendors v on v.id = x.vendor_id
    order by v.slug collate "C", x.metric::text collate "C", x.kind::text collate "C", x.period_start, x.period_end`,
  marketShares: `select json_build_object('segment', x.segment, 'vendor', v.slug, 'periodStart', x.period_start,
      'periodEnd', x.period_end, 'share', x.share, 'value', x.value, 'unit', x.unit, 'basis', x.basis,
      ${fact("market_share_citations", "x")})::text as r
    from market_shares x join vendors v on v.id = x.vendor_id
    order by x.segment collate "C", v.slug collate "C", x.basis collate "C", x.period_start, x.period_end`,
  dependencies: `select json_build_object('dependent', d.slug, 'providerVendor', pv.slug,
      'providerFacility', pf.slug, 'kind', x.kind, 'weight', x.weight, 'since', x.since, 'until', x.until,
      ${fact("dependency_citations", "x")})::text as r
    from dependencies x join vendors d on d.id = x.dependent_id
    left join vendors pv on pv.id = x.provider_vendor_id left join facilities pf on pf.id = x.provider_facility_id
    order by d.slug collate "C", pv.slug collate "C" nulls first, pf.slug collate "C" nulls first,
      x.kind::text collate "C", x.since nulls first`,
};

/** The export query of one entity: rows of one text column `r`, each a JSON record, in natural-key order. */
export function exportQuery(entity: EntityName): SQL {
  return sql.raw(queries[entity]);
}
