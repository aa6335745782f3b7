/**
 * Sends the issue's worst requests (depth-7 relation chain with first: 100, 20 aliases of
 * riskScores(first: 100), 1,000 aliases of facilities(first: 1)) in a loop to a running server and
 * reports how each was answered and the server's RSS (from /metrics) while they run.
 *   npm run bench:probe -- [--seconds 60] [--concurrency 8] [--url http://127.0.0.1:4000]
 */
import { parseArgs } from "node:util";
import { serverRssMb } from "./server-metrics.ts";
import { worstRequests } from "./worst-requests.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "60" },
    concurrency: { type: "string", default: "8" },
    url: { type: "string", default: "http://127.0.0.1:4000" },
  },
});
const base = values.url as string;
const until = Date.now() + Number(values.seconds) * 1000;
const answers = new Map<string, number>();
let sent = 0;
let maxRss = (await serverRssMb(base)) ?? 0;
const firstRss = maxRss;

async function worker() {
  const names = Object.keys(worstRequests) as (keyof typeof worstRequests)[];
  while (Date.now() < until) {
    const name = names[sent % names.length] as keyof typeof worstRequests;
    sent++;
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: worstRequests[name] }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string; limit?: string } }[] };
    const e = body.errors?.[0]?.extensions;
    const key = `${name} → ${res.status} ${e?.code ?? "data"}${e?.limit ? ` (${e.limit})` : ""}`;
    answers.set(key, (answers.get(key) ?? 0) + 1);
  }
}

const sampler = setInterval(async () => {
  maxRss = Math.max(maxRss, (await serverRssMb(base).catch(() => 0)) ?? 0);
}, 500);
await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
clearInterval(sampler);
const lastRss = (await serverRssMb(base)) ?? 0;
console.log(
  JSON.stringify(
    {
      sent,
      answers: Object.fromEntries(answers),
      rssMb: { first: firstRss, max: Math.max(maxRss, lastRss), last: lastRss },
    },
    null,
    2,
  ),
);
