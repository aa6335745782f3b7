export const src = "https://example.org/report";

/** A small document with one bad record in each of five entities (and valid records around them). */
export const badDocument = {
  format: "hyperscope-interchange/1",
  sources: [{ url: src, title: "Report", publisher: "Example" }],
  vendors: [
    { slug: "acme", name: "Acme", kind: "NEOCLOUD", confidence: "REPORTED", sources: [src] },
    { slug: "acme", name: "Acme again", kind: "NEOCLOUD", confidence: "REPORTED", sources: [src] },
  ],
  chips: [{ slug: "x1", name: "X1", designer: "acme", tdpW: "lots", confidence: "REPORTED", sources: [src] }],
  facilities: [
    {
      slug: "campus",
      name: "Campus",
      operator: "no-such-vendor",
      pue: "high",
      country: "US",
      status: "ANNOUNCED",
      confidence: "REPORTED",
      sources: [src],
    },
  ],
  outages: [
    {
      slug: "blackout",
      title: "Blackout",
      startedAt: "2025-01-02T00:00:00Z",
      endedAt: "2025-01-01T00:00:00Z",
      severity: 3,
      cause: "POWER",
      impacts: [{ vendor: "acme" }],
      confidence: "REPORTED",
      sources: [src],
    },
  ],
  models: [
    { slug: "m1", name: "M1", developer: "acme", openWeights: true, confidence: "REPORTED", sources: [] },
  ],
};

/** The problems every variant of the bad input must report (entity, field, code). */
export const expectedProblems = [
  { entity: "vendors", field: "slug", code: "DUPLICATE_KEY" },
  { entity: "chips", field: "tdpW", code: "WRONG_TYPE" },
  { entity: "facilities", field: "operator", code: "UNKNOWN_REFERENCE" },
  // The same record is also invalid: both of its problems are listed.
  { entity: "facilities", field: "pue", code: "WRONG_TYPE" },
  { entity: "outages", field: "endedAt", code: "DATES_OUT_OF_ORDER" },
  { entity: "models", field: "sources", code: "MISSING_SOURCE" },
];
