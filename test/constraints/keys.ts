import { type AnyColumn, getTableColumns, getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import * as schema from "../../schema/db/index.ts";
import { type Case, caseOf } from "./case.ts";
import { citationSubjects, insert, ref, validRow } from "./rows.ts";

const u = caseOf("unique");
const fk = caseOf("foreign_key");
const missing = ref.missing;
const cite = (table: string, subject: string, source: string) =>
  `insert into ${table} (subject_id, source_id) values (${subject}, ${source})`;

/** Every UNIQUE / primary key that a user could collide with. */
export const uniques: Case[] = [
  u("duplicate source URL", "sources", "sources_url_unique", { url: "'https://example.org/base'" }, "url"),
  u("duplicate vendor slug", "vendors", "vendors_slug_unique", { slug: "'acme'" }, "slug"),
  u("duplicate chip slug", "chips", "chips_slug_unique", { slug: "'chip-1'" }, "slug"),
  u("duplicate facility slug", "facilities", "facilities_slug_unique", { slug: "'fac-1'" }, "slug"),
  u("duplicate model slug", "models", "models_slug_unique", { slug: "'model-1'" }, "slug"),
  u("duplicate outage slug", "outages", "outages_slug_unique", { slug: "'out-1'" }, "slug"),
  u(
    "duplicate regulatory slug",
    "regulatory_events",
    "regulatory_events_slug_unique",
    { slug: "'ev-1'" },
    "slug",
  ),
  u("duplicate signal slug", "signals", "signals_slug_unique", { slug: "'sig-1'" }, "slug"),
  u("duplicate subscription slug", "subscriptions", "subscriptions_slug_unique", { slug: "'sub-1'" }, "slug"),
  u("second count for a facility, chip and date", "deployments", "deployments_facility_chip_as_of_unique", {
    as_of: "'2024-01-01'",
  }),
  u("second disclosure of a vendor, metric, kind, period", "disclosures", "disclosures_natural_key", {
    metric: "'CAPEX_USD'",
  }),
  u("second share of a segment, vendor, period, basis", "market_shares", "market_shares_natural_key", {
    segment: "'ai-accelerators'",
  }),
  u("second open-ended dependency (NULLs not distinct)", "dependencies", "dependencies_natural_key", {
    kind: "'CLOUD_TENANT'",
  }),
  u("a regulatory subject twice", "regulatory_event_subjects", "regulatory_event_subjects_unique", {
    vendor_id: ref.acme,
    facility_id: "null",
  }),
  u("a signal twice in a subscription", "subscription_signals", "subscription_signals_unique", {
    signal_id: ref.signal,
  }),
  u("a second digest for a slot", "digests", "digests_subscription_slot_unique", {
    slot: "'2025-01-06T00:00:00Z'",
    window_start: "'2024-12-30T00:00:00Z'",
    window_end: "'2025-01-06T00:00:00Z'",
  }),
  u("a second delivery to a destination and format", "digest_deliveries", "digest_deliveries_unique", {
    destination: "'/tmp/digests'",
  }),
  u(
    "an API key hash twice",
    "api_keys",
    "api_keys_key_hash_unique",
    { key_hash: `'${"a".repeat(64)}'` },
    "key_hash",
  ),
  u("a country twice in a union", "union_memberships", "union_memberships_unique", { country: "'DE'" }),
  ...Object.entries(citationSubjects).map(([table, subject]) =>
    u(`a source cited twice (${table})`, table, `${table}_pk`, cite(table, subject, ref.source)),
  ),
];

/** The table each citation table's subject_id points at. */
const subjectTable = (citations: string) =>
  ({
    vendor_citations: "vendors",
    chip_citations: "chips",
    facility_citations: "facilities",
    deployment_citations: "deployments",
    outage_citations: "outages",
    regulatory_event_citations: "regulatory_events",
    disclosure_citations: "disclosures",
    market_share_citations: "market_shares",
    dependency_citations: "dependencies",
    model_citations: "models",
  })[citations];

/** Every foreign key, pointed at a row that does not exist. */
export const foreignKeys: Case[] = [
  fk("vendor with a missing parent", "vendors", "vendors_parent_id_vendors_id_fk", { parent_id: missing }),
  fk("chip by a missing designer", "chips", "chips_designer_id_vendors_id_fk", { designer_id: missing }),
  fk("chip from a missing foundry", "chips", "chips_foundry_id_vendors_id_fk", { foundry_id: missing }),
  fk("facility of a missing operator", "facilities", "facilities_operator_id_vendors_id_fk", {
    operator_id: missing,
  }),
  fk("deployment at a missing facility", "deployments", "deployments_facility_id_facilities_id_fk", {
    facility_id: missing,
  }),
  fk("deployment of a missing chip", "deployments", "deployments_chip_id_chips_id_fk", { chip_id: missing }),
  fk("model by a missing developer", "models", "models_developer_id_vendors_id_fk", {
    developer_id: missing,
  }),
  fk("impact of a missing outage", "outage_impacts", "outage_impacts_outage_id_outages_id_fk", {
    outage_id: missing,
  }),
  fk("impact on a missing vendor", "outage_impacts", "outage_impacts_vendor_id_vendors_id_fk", {
    vendor_id: missing,
  }),
  fk("impact on a missing facility", "outage_impacts", "outage_impacts_facility_id_facilities_id_fk", {
    facility_id: missing,
  }),
  fk(
    "subject of a missing event",
    "regulatory_event_subjects",
    "regulatory_event_subjects_event_id_regulatory_events_id_fk",
    {
      event_id: missing,
    },
  ),
  fk(
    "rule naming a missing vendor",
    "regulatory_event_subjects",
    "regulatory_event_subjects_vendor_id_vendors_id_fk",
    {
      vendor_id: missing,
      facility_id: "null",
    },
  ),
  fk(
    "rule naming a missing facility",
    "regulatory_event_subjects",
    "regulatory_event_subjects_facility_id_facilities_id_fk",
    {
      facility_id: missing,
    },
  ),
  fk("disclosure of a missing vendor", "disclosures", "disclosures_vendor_id_vendors_id_fk", {
    vendor_id: missing,
  }),
  fk("share of a missing vendor", "market_shares", "market_shares_vendor_id_vendors_id_fk", {
    vendor_id: missing,
  }),
  fk("dependency of a missing vendor", "dependencies", "dependencies_dependent_id_vendors_id_fk", {
    dependent_id: missing,
  }),
  fk("dependency on a missing vendor", "dependencies", "dependencies_provider_vendor_id_vendors_id_fk", {
    provider_vendor_id: missing,
  }),
  fk(
    "dependency on a missing facility",
    "dependencies",
    "dependencies_provider_facility_id_facilities_id_fk",
    {
      provider_vendor_id: "null",
      provider_facility_id: missing,
    },
  ),
  fk(
    "watch by a missing subscription",
    "subscription_signals",
    "subscription_signals_subscription_id_subscriptions_id_fk",
    {
      subscription_id: missing,
    },
  ),
  fk("watch of a missing signal", "subscription_signals", "subscription_signals_signal_id_signals_id_fk", {
    signal_id: missing,
  }),
  fk("digest of a missing subscription", "digests", "digests_subscription_id_subscriptions_id_fk", {
    subscription_id: missing,
  }),
  fk("item of a missing digest", "digest_items", "digest_items_digest_id_digests_id_fk", {
    digest_id: missing,
  }),
  fk("item of a missing signal", "digest_items", "digest_items_signal_id_signals_id_fk", {
    signal_id: missing,
  }),
  fk("delivery of a missing digest", "digest_deliveries", "digest_deliveries_digest_id_digests_id_fk", {
    digest_id: missing,
  }),
  ...Object.entries(citationSubjects).flatMap(([table, subject]) => [
    fk(
      `citation of a missing subject (${table})`,
      table,
      `${table}_subject_id_${subjectTable(table)}_id_fk`,
      cite(table, missing, ref.source),
    ),
    fk(
      `citation of a missing source (${table})`,
      table,
      `${table}_source_id_sources_id_fk`,
      cite(table, subject, missing),
    ),
  ]),
];

const restrict = caseOf("foreign_key");

/** Deleting a row others still reference through ON DELETE RESTRICT; the error names the referencing table. */
export const restricts: Case[] = [
  restrict(
    "deleting a cited source",
    "vendor_citations",
    "vendor_citations_source_id_sources_id_fk",
    "delete from sources where url = 'https://example.org/vendor-only'",
  ),
  restrict(
    "deleting a chip's foundry",
    "chips",
    "chips_foundry_id_vendors_id_fk",
    "delete from vendors where slug = 'gamma'",
  ),
  restrict(
    "deleting a deployed chip",
    "deployments",
    "deployments_chip_id_chips_id_fk",
    "delete from chips where slug = 'chip-1'",
  ),
  restrict(
    "deleting a watched signal",
    "subscription_signals",
    "subscription_signals_signal_id_signals_id_fk",
    "delete from signals where slug = 'sig-1'",
  ),
];

/** Every NOT NULL column without a default, read from the Drizzle schema, of each table with a valid row. */
export const notNulls: Case[] = Object.values(schema)
  .filter((t) => is(t, PgTable))
  .flatMap((table) => {
    const name = getTableName(table as PgTable);
    const row = validRow[name];
    if (!row) return [];
    return Object.values(getTableColumns(table as PgTable) as Record<string, AnyColumn>)
      .filter((col) => col.notNull && !col.hasDefault && col.name in row)
      .map((col) => ({
        name: `${name}.${col.name} missing`,
        statement: insert(name, { [col.name]: "null" }),
        kind: "not_null" as const,
        table: name,
        constraint: `${name}_${col.name}_not_null`,
        column: col.name,
      }));
  });
