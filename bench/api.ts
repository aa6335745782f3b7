/**
 * API throughput side by side: Hyperscope, PostGraphile v4 and a raw-SQL baseline over the same
 * PostgreSQL database, the same workload, several alternating rounds (the machine may be shared:
 * compare the ratios of one run, not figures across runs).
 *   npm run bench:api -- [--scale 1] [--seed 1] [--database NAME] [--rounds 3] [--duration 8]
 *                        [--connections 20] [--rss-connections 50] [--json FILE] [--only TEXT]
 *                        [--index-runs 3]
 * Server: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres. Without --database a
 * throw-away database is created, migrated, loaded with synthetic scale N (+ vacuum analyze) and
 * dropped; with --database an existing, already loaded database is migrated and used (the bench
 * refuses one without synthetic data). PostGraphile 4.14.1 and autocannon live in
 * bench/postgraphile (own package.json and graphql 15), installed with `npm ci --prefix
 * bench/postgraphile` when missing.
 * Prints req/s, p50, p99 (median over rounds), SQL statements per request (counted on the wire by a
 * proxy: Query + Execute messages, so BEGIN/COMMIT count), server RSS, and the ratios to PostGraphile
 * and to raw SQL, as a Markdown table and as JSON; then the database time of single pages; then the
 * indices bench (bench/indices.ts) over the same database, `--index-runs` runs each (0 skips it).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createConnection, createServer, type Server } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { deployments, facilities } from "../schema/db/index.ts";
import { type DatabaseHandle, openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { type PageRequest, pageStatement, parentPagesStatement } from "../src/db/pagination.ts";
import { queryRows } from "../src/db/rows.ts";
import { seedSynthetic } from "../src/synthetic/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tools = join(root, "bench", "postgraphile");

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    database: { type: "string" },
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "8" },
    connections: { type: "string", default: "20" },
    "rss-connections": { type: "string", default: "50" },
    json: { type: "string" },
    only: { type: "string" },
    "index-runs": { type: "string", default: "3" },
  },
});
const rounds = Number(values.rounds);
const duration = Number(values.duration);
const connections = Number(values.connections);
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = values.database ?? `hyperscope_bench_api_${process.pid}`;
const throwAway = values.database === undefined;
const urlOf = (database: string, port?: number) => {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  if (port !== undefined) {
    u.hostname = "127.0.0.1";
    u.port = String(port);
  }
  return u.toString();
};

// ---------------------------------------------------------------------------------------------
// Workload: the same questions asked of each API in its own dialect.

interface Workload {
  name: string;
  /** Our GraphQL query. */
  ours: string;
  /** PostGraphile's equivalent. */
  postgraphile: string;
  /** The raw-SQL baseline's path, for the nested list. */
  raw?: string;
  /** How many top-level items a correct answer has (checked once before measuring). */
  check: (data: unknown) => number;
}

const nestedOurs = (order: string) => `{ facilities(first: 100, orderBy: ${order}) { edges { node {
  name itPowerMw operator { name }
  deployments(first: 10) { edges { node { acceleratorCount asOf chip { name } } } } } } } }`;
const nestedPg = (order: string) => `{ facilities(first: 100, orderBy: [${order}, PRIMARY_KEY_ASC]) { nodes {
  name itPowerMw operator { name }
  deployments(first: 10, orderBy: [AS_OF_DESC, PRIMARY_KEY_DESC]) { nodes { acceleratorCount asOf chip { name } } } } } }`;
const edges = (path: string[]) => (data: unknown) => {
  let v = data as Record<string, unknown> | undefined;
  for (const p of path) v = v?.[p] as Record<string, unknown> | undefined;
  return Array.isArray(v) ? v.length : -1;
};

const workloads = (lookupSlug: string): Workload[] => [
  {
    name: "nested facilities by NAME",
    ours: nestedOurs("{ field: NAME, direction: ASC }"),
    postgraphile: nestedPg("NAME_ASC"),
    raw: "/nested?order=NAME",
    check: (d) => Math.max(edges(["facilities", "edges"])(d), edges(["facilities", "nodes"])(d)),
  },
  {
    name: "nested facilities by IT_POWER_MW desc",
    ours: nestedOurs("{ field: IT_POWER_MW, direction: DESC }"),
    postgraphile: nestedPg("IT_POWER_MW_DESC"),
    raw: "/nested?order=IT_POWER_MW",
    check: (d) => Math.max(edges(["facilities", "edges"])(d), edges(["facilities", "nodes"])(d)),
  },
  {
    name: "nested facilities by COUNTRY",
    ours: nestedOurs("{ field: COUNTRY, direction: ASC }"),
    postgraphile: nestedPg("COUNTRY_ASC"),
    raw: "/nested?order=COUNTRY",
    check: (d) => Math.max(edges(["facilities", "edges"])(d), edges(["facilities", "nodes"])(d)),
  },
  {
    name: "filtered: US operational facilities",
    ours: `{ facilities(first: 50, filter: { country: ["US"], status: [OPERATIONAL] }) { edges { node { name itPowerMw status operator { name } } } } }`,
    postgraphile: `{ facilities(first: 50, condition: { country: "US", status: OPERATIONAL }, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { nodes { name itPowerMw status operator { name } } } }`,
    check: (d) => Math.max(edges(["facilities", "edges"])(d), edges(["facilities", "nodes"])(d)),
  },
  {
    name: "deep: vendor > facility > deployment > chip > designer",
    ours: `{ vendors(first: 10, filter: { kind: [HYPERSCALER] }) { edges { node { name
      facilities(first: 10) { edges { node { name deployments(first: 5) { edges { node { acceleratorCount
        chip { name designer { name } } } } } } } } } } } }`,
    postgraphile: `{ vendors(first: 10, condition: { kind: HYPERSCALER }, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { nodes { name
      facilitiesByOperatorId(first: 10, orderBy: [NAME_ASC, PRIMARY_KEY_ASC]) { nodes { name deployments(first: 5, orderBy: [AS_OF_DESC, PRIMARY_KEY_DESC]) { nodes { acceleratorCount
        chip { name designer { name } } } } } } } } }`,
    check: (d) => Math.max(edges(["vendors", "edges"])(d), edges(["vendors", "nodes"])(d)),
  },
  {
    name: "node lookup: facility by slug",
    ours: `{ facility(slug: "${lookupSlug}") { name country itPowerMw operator { name } } }`,
    postgraphile: `{ facilityBySlug(slug: "${lookupSlug}") { name country itPowerMw operator { name } } }`,
    check: (d) => (Object.values(d as Record<string, unknown>)[0] ? 1 : 0),
  },
];

// ---------------------------------------------------------------------------------------------
// Processes and the statement-counting proxy.

/** Builds the server as `npm start` does (its prestart) and returns the node arguments its start script uses. */
function serverArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  execFileSync("sh", ["-c", scripts.prestart as string], { cwd: root, stdio: "inherit" });
  const start = /^exec node (.*)$/.exec(scripts.start as string);
  if (!start?.[1]) throw new Error(`unexpected start script: ${scripts.start}`);
  return start[1].split(" ");
}

const children: ChildProcess[] = [];

/** Starts a server process and resolves with its port once it prints "PORT n" (or "GraphiQL: …:n/"). */
function start(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: "pipe" });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /PORT (\d+)/.exec(output) ?? /localhost:(\d+)\//.exec(output);
      if (m) resolve({ port: Number(m[1]), child });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.on("exit", (code) => reject(new Error(`${label} exited (${code}) before listening:\n${output}`)));
    setTimeout(() => reject(new Error(`${label} did not start in 120 s:\n${output}`)), 120_000).unref();
  });
}

/** Resident set size of a process in MB (now and peak), from /proc. */
function rss(pid: number | undefined): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/**
 * A TCP proxy in front of PostgreSQL that counts, per upstream label, the statements clients send:
 * simple Query ('Q') and extended-protocol Execute ('E') messages.
 */
function countingProxy(target: URL): Promise<{ port: number; counts: Map<string, number>; server: Server }> {
  const counts = new Map<string, number>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    let label = "";
    let startup = true;
    let pending: Buffer = Buffer.alloc(0);
    let skip = 0;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      let buf: Buffer = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let at = Math.min(skip, buf.length);
      skip -= at;
      for (;;) {
        if (startup) {
          if (buf.length - at < 4) break;
          const length = buf.readInt32BE(at);
          if (buf.length - at < length) break;
          // application_name in the startup packet tells the servers apart.
          const params = buf
            .subarray(at + 8, at + length)
            .toString()
            .split("\0");
          const i = params.indexOf("application_name");
          label = i >= 0 ? (params[i + 1] ?? "") : "";
          at += length;
          startup = false;
          continue;
        }
        if (buf.length - at < 5) break;
        const type = String.fromCharCode(buf[at] as number);
        const length = buf.readInt32BE(at + 1);
        if (type === "Q" || type === "E") counts.set(label, (counts.get(label) ?? 0) + 1);
        if (buf.length - at < 1 + length) {
          skip = 1 + length - (buf.length - at);
          at = buf.length;
          break;
        }
        at += 1 + length;
      }
      pending = buf.subarray(at);
      buf = Buffer.alloc(0);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close);
    upstream.on("close", close);
    client.on("error", close);
    upstream.on("error", close);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({ port: typeof address === "object" && address ? address.port : 0, counts, server });
    }),
  );
}

// ---------------------------------------------------------------------------------------------

interface Target {
  label: string;
  port: number;
  child: ChildProcess;
  /** application_name its database connections carry (for the proxy's counts). */
  app: string;
  request: (w: Workload) => { method: "POST" | "GET"; path: string; body?: string } | undefined;
}

const post = (query: string) => ({
  method: "POST" as const,
  path: "/graphql",
  body: JSON.stringify({ query }),
});

async function ask(t: Target, w: Workload): Promise<unknown> {
  const r = t.request(w);
  if (!r) return undefined;
  const response = await fetch(`http://127.0.0.1:${t.port}${r.path}`, {
    method: r.method,
    headers: { "content-type": "application/json" },
    body: r.body,
  });
  const json = (await response.json()) as { data?: unknown; errors?: unknown };
  if (json.errors || !json.data) {
    throw new Error(`${t.label} failed "${w.name}": ${JSON.stringify(json.errors ?? json).slice(0, 800)}`);
  }
  return json.data;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

type Autocannon = (opts: Record<string, unknown>) => Promise<{
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
  timeouts: number;
}>;

async function load(autocannon: Autocannon, t: Target, w: Workload, conns: number, seconds: number) {
  const r = t.request(w);
  if (!r) return undefined;
  const result = await autocannon({
    url: `http://127.0.0.1:${t.port}${r.path}`,
    method: r.method,
    headers: { "content-type": "application/json" },
    body: r.body,
    connections: conns,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
  } satisfies Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function ensureTools(): Promise<Autocannon> {
  if (
    !existsSync(join(tools, "node_modules", "postgraphile")) ||
    !existsSync(join(tools, "node_modules", "autocannon"))
  ) {
    console.log("installing bench tools: npm ci --prefix bench/postgraphile");
    execFileSync("npm", ["ci", "--prefix", tools, "--no-audit", "--no-fund"], { stdio: "inherit" });
  }
  return createRequire(join(tools, "package.json"))("autocannon") as Autocannon;
}

async function prepareDatabase(): Promise<DatabaseHandle> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) {
      if (!throwAway) throw new Error(`database "${name}" does not exist on ${new URL(serverUrl).host}`);
      await admin.unsafe(`create database "${name}"`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
  const h = await openDatabase({ url: urlOf(name), maxConnections: 2 });
  await migrate(h);
  const [row] = await queryRows<{ n: number }>(
    h.db,
    sql`select count(*)::int as n from facilities where slug like 'syn-%'`,
  );
  if (Number(row?.n) === 0) {
    if (!throwAway) {
      await h.close();
      throw new Error(
        `database "${name}" has no synthetic data: load it first with DATABASE_URL=${urlOf(name)} npm run seed -- --synthetic --scale ${values.scale}, or omit --database for a throw-away one`,
      );
    }
    const started = performance.now();
    await seedSynthetic(h, { scale: Number(values.scale), seed: Number(values.seed) });
    console.log(
      `loaded synthetic scale ${values.scale} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return h;
}

/** EXPLAIN ANALYZE execution time (ms, median of 5) of one statement: the database's time alone. */
async function databaseTime(h: DatabaseHandle, statement: { getSQL(): unknown }): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [row] = await queryRows<{ "QUERY PLAN": { "Execution Time": number }[] }>(
      h.db,
      sql`explain (analyze, format json) ${statement as never}`,
    );
    const plan = row?.["QUERY PLAN"][0];
    if (!plan) throw new Error("EXPLAIN returned no plan");
    times.push(plan["Execution Time"]);
  }
  return median(times);
}

async function pageTimes(h: DatabaseHandle) {
  const first: PageRequest = { size: 100, backward: false, cursor: null };
  const [mid] = await queryRows<{ name: string; id: number; it: string | null }>(
    h.db,
    sql`select name, id, it_power_mw::text as it from facilities order by name, id offset (select count(*) / 2 from facilities) limit 1`,
  );
  const deep: PageRequest = {
    size: 100,
    backward: false,
    cursor: { value: mid?.name ?? "m", id: mid?.id ?? 0 },
  };
  const ids = await queryRows<{ id: number }>(
    h.db,
    sql`select id from facilities order by name, id limit 100`,
  );
  const out: Record<string, number> = {};
  out["facility page by NAME (first)"] = await databaseTime(
    h,
    pageStatement(h.db, facilities, { sort: { column: facilities.name, direction: "ASC" }, request: first }),
  );
  out["facility page by NAME (middle of the table)"] = await databaseTime(
    h,
    pageStatement(h.db, facilities, { sort: { column: facilities.name, direction: "ASC" }, request: deep }),
  );
  out["facility page by IT_POWER_MW desc (first)"] = await databaseTime(
    h,
    pageStatement(h.db, facilities, {
      sort: { column: facilities.itPowerMw, direction: "DESC" },
      request: first,
    }),
  );
  out["deployment pages of 100 facilities (10 each)"] = await databaseTime(
    h,
    parentPagesStatement(h.db, deployments, {
      parent: deployments.facilityId,
      parentIds: ids.map((r) => r.id),
      sort: { column: deployments.asOf, direction: "DESC" },
      request: { size: 10, backward: false, cursor: null },
    }),
  );
  return out;
}

async function main() {
  const autocannon = await ensureTools();
  const h = await prepareDatabase();
  let proxy: Awaited<ReturnType<typeof countingProxy>> | undefined;
  try {
    const [scale] = await queryRows<{ facilities: number; deployments: number }>(
      h.db,
      sql`select (select count(*)::int from facilities) as facilities, (select count(*)::int from deployments) as deployments`,
    );
    const [slugRow] = await queryRows<{ slug: string }>(
      h.db,
      sql`select slug from facilities where slug like 'syn-%' order by id limit 1 offset 777`,
    );
    const mix = workloads(slugRow?.slug ?? "").filter((w) => !values.only || w.name.includes(values.only));
    proxy = await countingProxy(new URL(serverUrl));
    const viaProxy = (app: string) => {
      const u = new URL(urlOf(name, proxy?.port));
      u.searchParams.set("application_name", app);
      return u.toString();
    };
    /** Starts the three servers, over the counting proxy or straight to PostgreSQL. */
    const startTargets = async (counted: boolean): Promise<Target[]> => {
      const database = (app: string) => (counted ? viaProxy(app) : urlOf(name));
      const ours = await start("hyperscope", serverArgs(), {
        DATABASE_URL: database("bench-hyperscope"),
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        SEED_ON_START: "false",
        NODE_ENV: "production",
        // Every load connection is one IP: the per-IP cost budget would answer 429 once it is spent
        // (PostGraphile has none), so the bench measures the API, not the rate limit.
        RATE_LIMIT_COST: "0",
      });
      const pg = await start("postgraphile", [join(tools, "server.cjs")], {
        DATABASE_URL: database("bench-postgraphile"),
      });
      const raw = await start("raw SQL", ["--import", "tsx", "bench/raw-sql-server.ts"], {
        DATABASE_URL: database("bench-raw"),
      });
      return [
        { label: "Hyperscope", app: "bench-hyperscope", ...ours, request: (w) => post(w.ours) },
        { label: "PostGraphile", app: "bench-postgraphile", ...pg, request: (w) => post(w.postgraphile) },
        {
          label: "raw SQL",
          app: "bench-raw",
          ...raw,
          request: (w) => (w.raw ? { method: "GET", path: w.raw } : undefined),
        },
      ];
    };
    const stopTargets = async (targets: Target[]) => {
      await Promise.all(
        targets.map(
          (t) =>
            new Promise<void>((resolve) => {
              if (t.child.exitCode !== null) return resolve();
              t.child.once("exit", () => resolve());
              t.child.kill("SIGTERM");
            }),
        ),
      );
    };

    // Correctness and statements per request (warm: each asked twice, the second counted), with the
    // servers connected through the counting proxy; then restarted straight to PostgreSQL for the load.
    let targets = await startTargets(true);
    const statements = new Map<string, number>();
    for (const w of mix) {
      for (const t of targets) {
        if (!t.request(w)) continue;
        const data = await ask(t, w);
        const n = w.check(data);
        if (n <= 0) throw new Error(`${t.label} returned no rows for "${w.name}"`);
        const before = proxy.counts.get(t.app) ?? 0;
        await ask(t, w);
        statements.set(`${t.label}|${w.name}`, (proxy.counts.get(t.app) ?? 0) - before);
      }
    }
    await stopTargets(targets);
    targets = await startTargets(false);
    const ours = targets[0] as Target;
    for (const w of mix) for (const t of targets) if (t.request(w)) await ask(t, w); // warm up

    console.log(
      `bench:api: database ${name} (${scale?.facilities} facilities, ${scale?.deployments} deployments), ` +
        `${rounds} rounds × ${duration} s per workload and target, ${connections} connections; ` +
        `machine shared with other users: compare ratios within this run`,
    );
    const samples = new Map<string, Sample[]>();
    const peakRss = new Map<string, number>();
    for (let round = 1; round <= rounds; round++) {
      for (const w of mix) {
        // Alternate which target goes first, so drift in the machine's load favours no one.
        const order = round % 2 ? targets : [...targets].reverse();
        for (const t of order) {
          const s = await load(autocannon, t, w, connections, duration);
          if (!s) continue;
          const key = `${t.label}|${w.name}`;
          samples.set(key, [...(samples.get(key) ?? []), s]);
          peakRss.set(t.label, Math.max(peakRss.get(t.label) ?? 0, rss(t.child.pid).now));
          process.stdout.write(
            `  round ${round} ${t.label.padEnd(12)} ${w.name.padEnd(52)} ${s.rps.toFixed(1).padStart(8)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms${s.errors ? `  ERRORS ${s.errors}` : ""}\n`,
          );
        }
      }
    }

    // Server memory under more connections (the nested list by NAME).
    const rssConnections = Number(values["rss-connections"]);
    const rssRun = await load(autocannon, targets[0] as Target, mix[0] as Workload, rssConnections, duration);
    const oursRss = rss(ours.child.pid);

    const rows = mix.flatMap((w) =>
      targets.flatMap((t) => {
        const s = samples.get(`${t.label}|${w.name}`);
        if (!s) return [];
        return [
          {
            workload: w.name,
            target: t.label,
            rps: median(s.map((x) => x.rps)),
            p50: median(s.map((x) => x.p50)),
            p99: median(s.map((x) => x.p99)),
            errors: s.reduce((a, x) => a + x.errors, 0),
            statements: statements.get(`${t.label}|${w.name}`) ?? null,
          },
        ];
      }),
    );
    const find = (w: string, t: string) => rows.find((r) => r.workload === w && r.target === t);
    const table = [
      "| workload | target | req/s | p50 ms | p99 ms | SQL statements / request | req/s vs PostGraphile | p50 vs raw SQL |",
      "|---|---|---:|---:|---:|---:|---:|---:|",
      ...rows.map((r) => {
        const pgRow = find(r.workload, "PostGraphile");
        const rawRow = find(r.workload, "raw SQL");
        const vsPg = r.target === "Hyperscope" && pgRow ? `${(r.rps / pgRow.rps).toFixed(2)}×` : "";
        const vsRaw =
          r.target === "Hyperscope" && rawRow ? `${(r.p50 / Math.max(rawRow.p50, 1)).toFixed(2)}×` : "";
        return `| ${r.workload} | ${r.target} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.statements ?? ""} | ${vsPg} | ${vsRaw} |`;
      }),
    ].join("\n");
    const pages = await pageTimes(h);
    const report = {
      database: name,
      facilities: scale?.facilities,
      deployments: scale?.deployments,
      rounds,
      durationSeconds: duration,
      connections,
      rows,
      rssMb: Object.fromEntries([...peakRss].map(([k, v]) => [k, Math.round(v)])),
      hyperscopeUnderLoad: {
        connections: rssConnections,
        rps: rssRun?.rps,
        p50: rssRun?.p50,
        rssMb: Math.round(oursRss.now),
        peakRssMb: Math.round(oursRss.peak),
      },
      pageDatabaseTimeMs: pages,
    };
    console.log(`\n${table}\n`);
    console.log(
      `server RSS after the rounds (MB): ${[...peakRss].map(([k, v]) => `${k} ${Math.round(v)}`).join(", ")}; ` +
        `Hyperscope under ${rssConnections} connections: ${rssRun?.rps.toFixed(1)} req/s, RSS ${Math.round(oursRss.now)} MB (peak since start ${Math.round(oursRss.peak)} MB)`,
    );
    console.log("page database time (EXPLAIN ANALYZE execution time, median of 5):");
    for (const [k, v] of Object.entries(pages)) console.log(`  ${k.padEnd(48)} ${v.toFixed(2)} ms`);
    console.log(`\n${JSON.stringify(report)}`);
    if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    for (const c of children) c.kill("SIGTERM");
    if (Number(values["index-runs"]) > 0) indicesBench(Number(values["index-runs"]));
  } finally {
    for (const c of children) c.kill("SIGTERM");
    proxy?.server.close();
    await h.close();
    if (throwAway) {
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await new Promise((r) => setTimeout(r, 500));
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    }
  }
}

/** The indices bench over the same (loaded, analysed) database, as its own process, printing its figures. */
function indicesBench(runs: number) {
  console.log("");
  execFileSync(
    process.execPath,
    ["--import", "tsx", "bench/indices.ts", "--database", name, "--runs", String(runs)],
    { cwd: root, stdio: "inherit", env: process.env },
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    for (const c of children) c.kill("SIGTERM");
    console.error(`bench:api: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
