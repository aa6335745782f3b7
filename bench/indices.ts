/**
 * Times the computed indices on synthetic data in PostgreSQL and prints median and p95 per query.
 *   npm run bench:indices -- [--scale 1] [--seed 1] [--runs 20] [--as-of 2025-06-30] [--database <name>]
 *     [--only <text>]   (only the queries whose label contains <text>, e.g. --only vendors)
 * Server: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres. Without --database a
 * throw-away database `hyperscope_bench_idx_<pid>` is created, migrated, loaded and dropped; with
 * --database an existing database is used (migrated; loaded with synthetic data only if it has no
 * facilities) and kept, for repeated runs.
 * Aims: concentration by operator 100 ms, risk top-100 facilities 500 ms, vendors and jurisdictions
 * 1 s, blast radius 500 ms.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { queryRows } from "../src/db/rows.ts";
import { getBlastRadius } from "../src/indices/blast-radius.ts";
import { getConcentration } from "../src/indices/concentration/index.ts";
import { getRiskScores } from "../src/indices/risk/index.ts";
import { seedSynthetic } from "../src/synthetic/index.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    runs: { type: "string", default: "20" },
    "as-of": { type: "string", default: "2025-06-30" },
    database: { type: "string" },
    only: { type: "string" },
  },
});
const runs = Number(values.runs);
const asOf = values["as-of"] as string;
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = values.database ?? `hyperscope_bench_idx_${process.pid}`;
const throwAway = values.database === undefined;
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const exists = await admin`select 1 from pg_database where datname = ${name}`;
if (exists.length === 0) await admin.unsafe(`create database "${name}"`);
try {
  const h = await openDatabase({ url: dbUrl, maxConnections: 2 });
  try {
    await migrate(h);
    await load(h);
    await admin.unsafe(`select 1`); // keep the admin connection alive
    // Steady state after a bulk load: autovacuum (insert threshold, PostgreSQL 13+) soon vacuums the
    // loaded tables; vacuum now so index-only scans see the visibility map, and analyze for the planner.
    await queryRows(h.db, sql`vacuum analyze`);
    const provider = await largestProvider(h);
    console.log(
      `indices bench: asOf ${asOf}, ${runs} runs each, database ${name}; cold computations (the index functions called directly: the server's index result cache, INDEX_CACHE_SIZE, is not involved)`,
    );
    await time("concentration OPERATOR × CAPACITY_MW (aim 100 ms)", () =>
      getConcentration(h.db, { dimension: "OPERATOR", measure: "CAPACITY_MW", asOf }),
    );
    await time("risk top-100 facilities (aim 500 ms)", () =>
      getRiskScores(h.db, { subject: "FACILITY", asOf, first: 100 }),
    );
    await time("risk top-100 vendors (aim 1 s)", () =>
      getRiskScores(h.db, { subject: "VENDOR", asOf, first: 100 }),
    );
    await time("risk top-100 jurisdictions (aim 1 s)", () =>
      getRiskScores(h.db, { subject: "JURISDICTION", asOf, first: 100 }),
    );
    await time(`blast radius of vendor ${provider} (aim 500 ms)`, () =>
      getBlastRadius(h.db, { provider: { vendorId: provider }, asOf }),
    );
  } finally {
    await h.close();
  }
} finally {
  if (throwAway) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end({ timeout: 5 });
}

async function load(h: DatabaseHandle) {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from facilities`);
  if (Number(row?.n) > 0) return;
  const started = performance.now();
  await seedSynthetic(h, { scale: Number(values.scale), seed: Number(values.seed) });
  console.log(
    `loaded synthetic scale ${values.scale} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** The vendor with the most active direct dependents (on it or on its facilities) at asOf. */
async function largestProvider(h: DatabaseHandle): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    h.db,
    sql`select p.id from (
        select d.provider_vendor_id as id from dependencies d where d.provider_vendor_id is not null
        union all
        select f.operator_id from dependencies d join facilities f on f.id = d.provider_facility_id
      ) p group by p.id order by count(*) desc, p.id limit 1`,
  );
  if (!row) throw new Error("no dependencies in the database");
  return Number(row.id);
}

async function time(label: string, run: () => Promise<unknown>) {
  if (values.only !== undefined && !label.includes(values.only)) return;
  await run(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)] as number;
  console.log(
    `${label.padEnd(60)} median ${at(0.5).toFixed(1).padStart(8)} ms   p95 ${at(0.95).toFixed(1).padStart(8)} ms`,
  );
}
