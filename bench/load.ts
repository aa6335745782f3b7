/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are untyped JSON here */
/**
 * A load test of a running server with a realistic read mix (lists with filters, nested relations,
 * lookups by slug and id, search, one index query), reporting req/s, latency p50/p99, errors
 * (HTTP non-2xx and GraphQL errors) and the server's RSS over time (from /metrics).
 *   npm run bench:load -- --minutes 10 --connections 50 [--url http://127.0.0.1:4000] [--skip Risk]
 * All connections come from one IP, so start the server with RATE_LIMIT_COST=0 (or a budget large
 * enough for the whole run); otherwise RATE_LIMITED answers count as errors.
 */
import { parseArgs } from "node:util";
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";
import { serverRssMb } from "./server-metrics.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "1" },
    connections: { type: "string", default: "50" },
    url: { type: "string", default: "http://127.0.0.1:4000" },
    /** Operation names to leave out of the mix, comma-separated (e.g. "Risk"). */
    skip: { type: "string", default: "" },
  },
});
const skipped = new Set((values.skip as string).split(",").filter(Boolean));
const base = values.url as string;
const seconds = Math.round(Number(values.minutes) * 60);
const connections = Number(values.connections);

async function graphql(query: string): Promise<Record<string, any>> {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as Record<string, any>;
}

const sample = await graphql(
  "{ vendors(first: 20) { edges { node { id slug } } } facilities(first: 20) { edges { node { id slug } } } }",
);
const vendors = sample.data.vendors.edges.map((e: any) => e.node);
const facilities = sample.data.facilities.edges.map((e: any) => e.node);
if (vendors.length === 0) throw new Error("the server has no vendors: seed it first");

/** The mix, in the proportions an analyst front end produces (lists and lookups dominate). */
const mix: string[] = [
  "query Vendors { vendors(first: 20) { totalCount edges { node { slug name kind hqCountry } } } }",
  `query Vendor { vendor(slug: "${vendors[0].slug}") { name facilities(first: 10) { totalCount edges { node { name status country } } } } }`,
  'query Facilities { facilities(first: 50, filter: { country: ["US"] }) { totalCount edges { node { name status itPowerMw operator { name } } } } }',
  `query Facility { facility(slug: "${facilities[0]?.slug ?? vendors[0].slug}") { name status country operator { name slug } } }`,
  'query Search { vendors(first: 10, filter: { search: "tech" }) { edges { node { name } } } }',
  "query Outages { outages(first: 20) { totalCount edges { node { title startedAt severity } } } }",
  "query Rules { regulatoryEvents(first: 20) { edges { node { title jurisdiction stage announcedOn } } } }",
  `query Node { node(id: "${vendors[1]?.id ?? vendors[0].id}") { id ... on Vendor { name } } }`,
  "query Chips { chips(first: 20) { edges { node { name designer { name } } } } }",
  'query Concentration { concentration(dimension: CHIP_DESIGNER, measure: ACCELERATORS, asOf: "2025-06-01") { hhi } }',
  `query Vendors2 { vendors(first: 20, after: null, orderBy: { field: CREATED_AT, direction: DESC }) { edges { cursor node { name facilities(first: 5) { edges { node { name } } } } } } }`,
  'query Risk { riskScores(subject: VENDOR, asOf: "2025-06-01", first: 10) { edges { node { score } } } }',
];

let graphqlErrors = 0;
const errorSamples = new Set<string>();
const chosen = mix.filter((q) => !skipped.has(/^query (\w+)/.exec(q)?.[1] ?? ""));
const requests = chosen.map((query) => ({
  method: "POST",
  path: "/graphql",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ query }),
  onResponse: (_status: number, body: string) => {
    if (body.includes('"errors"')) {
      graphqlErrors++;
      if (errorSamples.size < 5) errorSamples.add(body.slice(0, 300));
    }
  },
}));

const rss: { at: number; mb: number | null }[] = [{ at: 0, mb: await serverRssMb(base) }];
const started = Date.now();
const sampler = setInterval(
  async () => {
    rss.push({
      at: Math.round((Date.now() - started) / 1000),
      mb: await serverRssMb(base).catch(() => null),
    });
  },
  Math.max(5_000, (seconds * 1000) / 20),
);

console.log(
  `load: ${connections} connections for ${seconds} s against ${base}, ${chosen.length} queries in rotation${skipped.size ? ` (skipped: ${[...skipped].join(", ")})` : ""}`,
);
const result = await autocannon({ url: base, connections, duration: seconds, requests, timeout: 30 });
clearInterval(sampler);
rss.push({ at: Math.round((Date.now() - started) / 1000), mb: await serverRssMb(base) });

const mbs = rss.map((r) => r.mb).filter((m): m is number => m != null);
console.log(
  JSON.stringify(
    {
      requests: result.requests.total,
      reqPerSecAvg: result.requests.average,
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      non2xx: result.non2xx,
      socketErrors: result.errors,
      timeouts: result.timeouts,
      graphqlErrors,
      errorSamples: [...errorSamples],
      rssMb: { first: mbs[0], max: Math.max(...mbs), last: mbs.at(-1) },
      rssOverTime: rss,
    },
    null,
    2,
  ),
);
