// Valid rows (as SQL literals) for the constraint tests: each case changes one column of one of these
// rows (or repeats an existing row) so the database must refuse it for exactly one reason.

/** A subselect of the id of an existing row. */
const idOf = (table: string, where: string) => `(select id from ${table} where ${where})`;
export const ref = {
  source: idOf("sources", "url = 'https://example.org/base'"),
  acme: idOf("vendors", "slug = 'acme'"),
  beta: idOf("vendors", "slug = 'beta'"),
  chip: idOf("chips", "slug = 'chip-1'"),
  facility: idOf("facilities", "slug = 'fac-1'"),
  outage: idOf("outages", "slug = 'out-1'"),
  event: idOf("regulatory_events", "slug = 'ev-1'"),
  deployment: idOf("deployments", "as_of = '2024-01-01'"),
  disclosure: idOf("disclosures", "metric = 'CAPEX_USD'"),
  share: idOf("market_shares", "segment = 'ai-accelerators'"),
  dependency: idOf("dependencies", "kind = 'CLOUD_TENANT'"),
  model: idOf("models", "slug = 'model-1'"),
  signal: idOf("signals", "slug = 'sig-1'"),
  signal2: idOf("signals", "slug = 'sig-2'"),
  subscription: idOf("subscriptions", "slug = 'sub-1'"),
  digest: idOf("digests", "slot = '2025-01-06T00:00:00Z'"),
  missing: "999999",
};

export type Row = Record<string, string>;

/** A new valid row per table, not conflicting with the base rows. */
export const validRow: Record<string, Row> = {
  sources: { url: "'https://example.org/new'", title: "'New'", publisher: "'Pub'" },
  vendors: { slug: "'new-vendor'", name: "'New'", kind: "'OTHER'", confidence: "'CONFIRMED'" },
  chips: { slug: "'new-chip'", name: "'New'", designer_id: ref.acme, confidence: "'CONFIRMED'" },
  facilities: {
    slug: "'new-fac'",
    name: "'New'",
    operator_id: ref.acme,
    country: "'US'",
    status: "'OPERATIONAL'",
    confidence: "'CONFIRMED'",
  },
  deployments: {
    facility_id: ref.facility,
    chip_id: ref.chip,
    accelerator_count: "10",
    as_of: "'2025-01-01'",
    confidence: "'CONFIRMED'",
  },
  models: {
    slug: "'new-model'",
    name: "'New'",
    developer_id: ref.acme,
    open_weights: "true",
    confidence: "'CONFIRMED'",
  },
  outages: {
    slug: "'new-outage'",
    title: "'New'",
    started_at: "'2025-01-01T00:00:00Z'",
    severity: "3",
    cause: "'POWER'",
    confidence: "'CONFIRMED'",
  },
  outage_impacts: { outage_id: ref.outage, vendor_id: ref.beta },
  regulatory_events: {
    slug: "'new-event'",
    title: "'New'",
    jurisdiction: "'US-TX'",
    instrument: "'LAW'",
    stage: "'PROPOSED'",
    topics: "'{POWER}'",
    confidence: "'CONFIRMED'",
  },
  regulatory_event_subjects: { event_id: ref.event, facility_id: ref.facility },
  disclosures: {
    vendor_id: ref.acme,
    period_start: "'2025-01-01'",
    period_end: "'2025-12-31'",
    metric: "'ENERGY_MWH'",
    kind: "'REPORTED'",
    value: "1",
    unit: "'MWh'",
    confidence: "'CONFIRMED'",
  },
  market_shares: {
    segment: "'cloud-infrastructure'",
    vendor_id: ref.acme,
    period_start: "'2025-01-01'",
    period_end: "'2025-03-31'",
    share: "0.2",
    basis: "'revenue'",
    confidence: "'CONFIRMED'",
  },
  dependencies: {
    dependent_id: ref.beta,
    provider_vendor_id: ref.acme,
    kind: "'CHIP_SUPPLY'",
    weight: "0.5",
    confidence: "'CONFIRMED'",
  },
  signals: { slug: "'new-signal'", name: "'New'", kind: "'OUTAGE'", rule: `'{"minSeverity":4}'` },
  subscriptions: {
    slug: "'new-sub'",
    name: "'New'",
    cron: "'0 8 * * 1'",
    formats: "'{MARKDOWN}'",
    folder: "'/tmp/digests'",
  },
  subscription_signals: { subscription_id: ref.subscription, signal_id: ref.signal2 },
  digests: {
    subscription_id: ref.subscription,
    slot: "'2025-01-13T00:00:00Z'",
    window_start: "'2025-01-06T00:00:00Z'",
    window_end: "'2025-01-13T00:00:00Z'",
  },
  digest_items: {
    digest_id: ref.digest,
    signal_id: ref.signal,
    entity: "'outage'",
    entity_id: "1",
    summary: "'x'",
  },
  digest_deliveries: { digest_id: ref.digest, destination: "'/tmp/other'", format: "'HTML'" },
  api_keys: { name: "'New'", key_hash: `'${"b".repeat(64)}'`, role: "'READER'" },
  union_memberships: { union_code: "'EU'", country: "'XX'" },
  audit_log: { actor: "'test'", action: "'INSERT'", entity: "'vendor'" },
};

/** The citation tables and the subject each base citation points at. */
export const citationSubjects: Record<string, string> = {
  vendor_citations: ref.acme,
  chip_citations: ref.chip,
  facility_citations: ref.facility,
  deployment_citations: ref.deployment,
  outage_citations: ref.outage,
  regulatory_event_citations: ref.event,
  disclosure_citations: ref.disclosure,
  market_share_citations: ref.share,
  dependency_citations: ref.dependency,
  model_citations: ref.model,
};

/** `insert into table (…) values (…)` of the valid row with `changes` applied (SQL literals; "null" for null). */
export function insert(table: string, changes: Row = {}, row: Row | undefined = validRow[table]): string {
  if (!row) throw new Error(`no valid row for ${table}`);
  const merged = { ...row, ...changes };
  return `insert into ${table} (${Object.keys(merged).join(", ")}) values (${Object.values(merged).join(", ")})`;
}

/** The rows the cases collide with or refer to, inserted once. */
export const baseRows: string[] = [
  `insert into sources (url, title, publisher) values ('https://example.org/base', 'Base', 'Pub')`,
  `insert into sources (url, title, publisher) values ('https://example.org/vendor-only', 'Cited once', 'Pub')`,
  `insert into vendors (slug, name, kind, confidence) values ('acme', 'Acme', 'HYPERSCALER', 'CONFIRMED'),
     ('beta', 'Beta', 'NEOCLOUD', 'CONFIRMED'), ('gamma', 'Gamma', 'FOUNDRY', 'CONFIRMED')`,
  insert("chips", { slug: "'chip-1'", foundry_id: "(select id from vendors where slug = 'gamma')" }),
  insert("facilities", { slug: "'fac-1'" }),
  insert("deployments", { as_of: "'2024-01-01'" }),
  insert("models", { slug: "'model-1'" }),
  insert("outages", { slug: "'out-1'" }),
  insert("regulatory_events", { slug: "'ev-1'" }),
  insert("regulatory_event_subjects", { vendor_id: ref.acme, facility_id: "null" }),
  insert("disclosures", { metric: "'CAPEX_USD'" }),
  insert("market_shares", { segment: "'ai-accelerators'" }),
  insert("dependencies", { kind: "'CLOUD_TENANT'" }),
  insert("signals", { slug: "'sig-1'" }),
  insert("signals", { slug: "'sig-2'" }),
  insert("subscriptions", { slug: "'sub-1'" }),
  insert("subscription_signals", { signal_id: ref.signal }),
  insert("digests", {
    slot: "'2025-01-06T00:00:00Z'",
    window_start: "'2024-12-30T00:00:00Z'",
    window_end: "'2025-01-06T00:00:00Z'",
  }),
  insert("digest_deliveries", { destination: "'/tmp/digests'" }),
  insert("api_keys", { key_hash: `'${"a".repeat(64)}'` }),
  `insert into vendor_citations (subject_id, source_id)
     values (${ref.beta}, (select id from sources where url = 'https://example.org/vendor-only'))`,
  ...Object.entries(citationSubjects).map(
    ([table, subject]) => `insert into ${table} (subject_id, source_id) values (${subject}, ${ref.source})`,
  ),
];
