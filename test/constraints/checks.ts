import { type Case, caseOf } from "./case.ts";
import { ref } from "./rows.ts";

const c = caseOf("check");
const facility = (name: string, constraint: string, change: Record<string, string>) =>
  c(name, "facilities", `facilities_${constraint}`, change);
const share = (name: string, constraint: string, change: Record<string, string>) =>
  c(name, "market_shares", `market_shares_${constraint}`, change);
const dependency = (name: string, constraint: string, change: Record<string, string>) =>
  c(name, "dependencies", `dependencies_${constraint}`, change);

/** Every CHECK constraint of schema/db/*.ts, at least once. */
export const checks: Case[] = [
  c("vendor slug with capitals and spaces", "vendors", "vendors_slug_format", { slug: "'Bad Slug'" }),
  c("vendor hq country not ISO 3166-1", "vendors", "vendors_hq_country_iso", { hq_country: "'USA'" }),
  c(
    "vendor its own parent",
    "vendors",
    "vendors_not_own_parent",
    "update vendors set parent_id = id where slug = 'beta'",
  ),
  c("chip slug with an underscore", "chips", "chips_slug_format", { slug: "'chip_2'" }),
  c("chip TDP of 0 W", "chips", "chips_tdp_w_positive", { tdp_w: "0" }),
  c("chip memory of -1 GB", "chips", "chips_memory_gb_positive", { memory_gb: "-1" }),
  c("chip memory bandwidth of 0", "chips", "chips_memory_bandwidth_positive", { memory_bandwidth_tbps: "0" }),
  c("chip negative BF16 TFLOPS", "chips", "chips_bf16_nonnegative", { bf16_dense_tflops: "-1" }),
  c("chip negative FP8 TFLOPS", "chips", "chips_fp8_nonnegative", { fp8_dense_tflops: "-1" }),
  facility("facility slug ending in a hyphen", "slug_format", { slug: "'fac-'" }),
  facility("facility country not ISO 3166-1", "country_iso", { country: "'us'" }),
  facility("facility subdivision not ISO 3166-2", "subdivision_iso", { subdivision: "'US_TX'" }),
  facility("facility subdivision of another country", "subdivision_iso", { subdivision: "'DE-BY'" }),
  facility("facility latitude 91", "latitude_range", { latitude: "91" }),
  facility("facility longitude -181", "longitude_range", { longitude: "-181" }),
  facility("facility of -5 MW", "it_power_mw_nonnegative", { it_power_mw: "-5" }),
  facility("facility planned at -1 MW", "planned_it_power_mw_nonnegative", { planned_it_power_mw: "-1" }),
  facility("facility racks of -1 kW", "rack_density_typical_nonnegative", { rack_density_kw_typical: "-1" }),
  facility("facility rack max below typical", "rack_density_max_gte_typical", {
    rack_density_kw_typical: "50",
    rack_density_kw_max: "40",
  }),
  facility("facility PUE 0.9", "pue_at_least_1", { pue: "0.9" }),
  facility("facility WUE -0.1", "wue_nonnegative", { wue: "-0.1" }),
  facility("facility operational before announced", "operational_after_announced", {
    announced_on: "'2024-01-01'",
    operational_on: "'2023-01-01'",
  }),
  facility("facility decommissioned before operational", "decommissioned_after_operational", {
    operational_on: "'2024-01-01'",
    decommissioned_on: "'2023-12-31'",
  }),
  c("deployment of -1 accelerators", "deployments", "deployments_accelerator_count_nonnegative", {
    accelerator_count: "-1",
  }),
  c("model slug with a dot", "models", "models_slug_format", { slug: "'llama-3.1'" }),
  c("model of 0 B parameters", "models", "models_parameters_positive", { parameters_b: "0" }),
  c("model needing -1 GB", "models", "models_min_memory_positive", { min_memory_gb: "-1" }),
  c("outage slug with a slash", "outages", "outages_slug_format", { slug: "'a/b'" }),
  c("outage severity 6", "outages", "outages_severity_range", { severity: "6" }),
  c("outage severity 0", "outages", "outages_severity_range", { severity: "0" }),
  c("outage ending before it starts", "outages", "outages_end_after_start", {
    ended_at: "'2024-12-31T23:00:00Z'",
  }),
  c("outage impact naming nothing", "outage_impacts", "outage_impacts_names_a_subject", {
    vendor_id: "null",
  }),
  c("regulatory event with an empty slug", "regulatory_events", "regulatory_events_slug_format", {
    slug: "''",
  }),
  c("jurisdiction 'Europe'", "regulatory_events", "regulatory_events_jurisdiction_iso", {
    jurisdiction: "'Europe'",
  }),
  c("jurisdiction 'US-ABCD'", "regulatory_events", "regulatory_events_jurisdiction_iso", {
    jurisdiction: "'US-ABCD'",
  }),
  c("regulatory event with no topics", "regulatory_events", "regulatory_events_has_topic", {
    topics: "'{}'",
  }),
  c(
    "regulatory subject naming vendor and facility",
    "regulatory_event_subjects",
    "regulatory_event_subjects_exactly_one",
    {
      vendor_id: ref.beta,
    },
  ),
  c(
    "regulatory subject naming nothing",
    "regulatory_event_subjects",
    "regulatory_event_subjects_exactly_one",
    {
      facility_id: "null",
    },
  ),
  c("disclosure ending before it starts", "disclosures", "disclosures_period_end_after_start", {
    period_end: "'2024-12-31'",
  }),
  share("market segment not a slug", "segment_format", { segment: "'Cloud Infra'" }),
  share("market share 1.2", "share_range", { share: "1.2" }),
  share("market share -0.1", "share_range", { share: "-0.1" }),
  share("market value -1", "value_nonnegative", { value: "-1", unit: "'USD'" }),
  share("market share with neither share nor value", "has_figure", { share: "null" }),
  share("market value without unit", "value_has_unit", { value: "10" }),
  share("market share ending before it starts", "period_end_after_start", { period_end: "'2024-12-31'" }),
  dependency("dependency on a vendor and a facility", "exactly_one_provider", {
    provider_facility_id: ref.facility,
  }),
  dependency("dependency on no provider", "exactly_one_provider", { provider_vendor_id: "null" }),
  dependency("dependency on itself", "not_self", { provider_vendor_id: ref.beta }),
  dependency("dependency weight -0.1", "weight_range", { weight: "-0.1" }),
  dependency("dependency weight 1.5", "weight_range", { weight: "1.5" }),
  dependency("dependency ending before it starts", "until_after_since", {
    since: "'2024-01-01'",
    until: "'2023-01-01'",
  }),
  c("source URL not http(s)", "sources", "sources_url_format", { url: "'ftp://example.org/x'" }),
  c("source with an empty title", "sources", "sources_title_nonempty", { title: "''" }),
  c("signal slug with capitals", "signals", "signals_slug_format", { slug: "'Sig'" }),
  c("subscription slug with a space", "subscriptions", "subscriptions_slug_format", { slug: "'my sub'" }),
  c("subscription without formats", "subscriptions", "subscriptions_has_format", { formats: "'{}'" }),
  c("subscription without destination", "subscriptions", "subscriptions_has_destination", { folder: "null" }),
  c("digest window ending before it starts", "digests", "digests_window_order", {
    window_start: "'2025-01-14T00:00:00Z'",
  }),
  c("digest window of zero length", "digests", "digests_window_order", {
    window_start: "'2025-01-13T00:00:00Z'",
  }),
  c("delivery with -1 attempts", "digest_deliveries", "digest_deliveries_attempts_nonnegative", {
    attempts: "-1",
  }),
  c("API key hash not 64 hex digits", "api_keys", "api_keys_key_hash_sha256", { key_hash: "'secret-key'" }),
  c("API key hash in upper case", "api_keys", "api_keys_key_hash_sha256", {
    key_hash: `'${"A".repeat(64)}'`,
  }),
];
