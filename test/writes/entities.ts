/**
 * One valid input per writable entity, against the curated seed (vendors, chips, facilities and
 * the source below exist there), with the GraphQL names of its mutations and a field to update.
 */
export const SEED_SOURCE = "https://aws.amazon.com/message/41926/";
const sources = [{ url: SEED_SOURCE, locator: "para 1" }];
const fact = { confidence: "REPORTED", sources };

export interface EntityCase {
  type: string;
  field: string;
  input: Record<string, unknown>;
  /** A valid patch and the field it changes, as read back. */
  patch: Record<string, unknown>;
  /** The audit entity (table) of the row. */
  table: string;
}

export const entityCases: EntityCase[] = [
  {
    type: "Source",
    field: "source",
    table: "sources",
    input: { url: "https://example.org/write-api-test", title: "Write API test", publisher: "Example" },
    patch: { title: "Write API test, revised" },
  },
  {
    type: "Vendor",
    field: "vendor",
    table: "vendors",
    input: {
      slug: "write-test-vendor",
      name: "Write Test Vendor",
      kind: "OTHER",
      hqCountry: "US",
      parent: "amazon",
      ...fact,
    },
    patch: { name: "Write Test Vendor II" },
  },
  {
    type: "Chip",
    field: "chip",
    table: "chips",
    input: {
      slug: "write-test-chip",
      name: "Write Test Chip",
      designer: "nvidia",
      foundry: "tsmc",
      tdpW: 700,
      ...fact,
    },
    patch: { tdpW: 800 },
  },
  {
    type: "Facility",
    field: "facility",
    table: "facilities",
    input: {
      slug: "write-test-dc",
      name: "Write Test DC",
      operator: "microsoft",
      country: "US",
      subdivision: "US-VA",
      status: "ANNOUNCED",
      announcedOn: "2025-01-01",
      itPowerMw: 100,
      facilityPowerMw: 130,
      ...fact,
    },
    patch: { facilityPowerMw: 190 },
  },
  {
    type: "Deployment",
    field: "deployment",
    table: "deployments",
    input: {
      facility: "xai-colossus-1",
      chip: "amd-mi300x",
      acceleratorCount: 1000,
      asOf: "2001-01-01",
      ...fact,
    },
    patch: { acceleratorCount: 2000 },
  },
  {
    type: "CapacityPhase",
    field: "capacityPhase",
    table: "capacity_phases",
    input: {
      facility: "xai-colossus-1",
      effectiveOn: "2001-01-01",
      itPowerMw: 10,
      status: "ANNOUNCED",
      ...fact,
    },
    patch: { itPowerMw: 12 },
  },
  {
    type: "Model",
    field: "model",
    table: "models",
    input: {
      slug: "write-test-model",
      name: "Write Test Model",
      developer: "openai",
      openWeights: true,
      parametersB: 7,
      ...fact,
    },
    patch: { parametersB: 8 },
  },
  {
    type: "Outage",
    field: "outage",
    table: "outages",
    input: {
      slug: "write-test-outage",
      title: "Write test outage",
      startedAt: "2025-01-01T00:00:00Z",
      endedAt: "2025-01-01T04:00:00Z",
      severity: 3,
      cause: "POWER",
      impacts: [{ vendor: "aws" }, { region: "us-east-1" }],
      ...fact,
    },
    patch: { severity: 4 },
  },
  {
    type: "RegulatoryEvent",
    field: "regulatoryEvent",
    table: "regulatory_events",
    input: {
      slug: "write-test-rule",
      title: "Write test rule",
      jurisdiction: "US-VA",
      instrument: "LAW",
      stage: "PROPOSED",
      topics: ["POWER"],
      subjects: { vendors: ["aws"], facilities: ["xai-colossus-1"] },
      ...fact,
    },
    patch: { stage: "PASSED" },
  },
  {
    type: "Disclosure",
    field: "disclosure",
    table: "disclosures",
    input: {
      vendor: "alphabet",
      periodStart: "1999-01-01",
      periodEnd: "1999-12-31",
      metric: "CAPEX_USD",
      kind: "REPORTED",
      value: 1,
      unit: "USD",
      ...fact,
    },
    patch: { value: 2 },
  },
  {
    type: "VendorMarketShare",
    field: "vendorMarketShare",
    table: "market_shares",
    input: {
      segment: "write-test-segment",
      vendor: "aws",
      periodStart: "1999-01-01",
      periodEnd: "1999-12-31",
      share: 0.5,
      basis: "revenue",
      ...fact,
    },
    patch: { share: 0.6 },
  },
  {
    type: "Dependency",
    field: "dependency",
    table: "dependencies",
    input: {
      dependent: "openai",
      providerVendor: "oracle",
      kind: "CLOUD_TENANT",
      weight: 0.1,
      since: "1999-01-01",
      ...fact,
    },
    patch: { weight: 0.2 },
  },
];

/** The fields a test reads back from a written row. */
export const selection = (c: EntityCase) => `id updatedAt ${Object.keys(c.patch).join(" ")}`;

export const createMutation = (c: EntityCase) =>
  `mutation($input: ${c.type}Input!) { create${c.type}(input: $input) { ${c.field} { ${selection(c)} } userErrors { field message code } } }`;
export const updateMutation = (c: EntityCase) =>
  `mutation($id: ID!, $at: DateTime!, $input: ${c.type}Input!) { update${c.type}(id: $id, expectedUpdatedAt: $at, input: $input) { ${c.field} { ${selection(c)} } userErrors { field message code } } }`;
export const deleteMutation = (c: EntityCase) =>
  `mutation($id: ID!, $at: DateTime!) { delete${c.type}(id: $id, expectedUpdatedAt: $at) { deletedId userErrors { field message code } } }`;
