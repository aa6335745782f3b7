/** A GraphiQL URL that opens with `query` and `variables` in the first tab (browser.js reads them). */
export function graphiqlLink(baseUrl: string, query: string, variables?: Record<string, unknown>): string {
  const params = new URLSearchParams({ query });
  if (variables) params.set("variables", JSON.stringify(variables));
  return `${baseUrl.replace(/\/+$/, "")}/graphiql?${params.toString()}`;
}

const nodeQuery = (type: string, fields: string) =>
  `query Open($id: ID!) {\n  node(id: $id) {\n    id\n    ... on ${type} {\n      ${fields}\n      sources { locator source { url title publisher } }\n    }\n  }\n}`;

const FIELDS: Record<string, string> = {
  RegulatoryEvent: "slug title jurisdiction stage topics announcedOn effectiveOn",
  Outage: "slug title severity cause startedAt endedAt",
  Disclosure: "metric kind value unit periodStart periodEnd",
  Model: "slug name openWeights minMemoryGb smallestHardware releaseDate",
};

/** Link opening one row through `node(id:)`. */
export function rowLink(baseUrl: string, type: string, id: string): string {
  return graphiqlLink(baseUrl, nodeQuery(type, FIELDS[type] ?? ""), { id });
}
