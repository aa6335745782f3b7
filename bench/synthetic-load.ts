/**
 * Loads the synthetic data set into a throw-away PostgreSQL database and reports how long it took.
 *   npm run bench:synthetic -- [--scale 1] [--seed 1]
 * Server: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres. The database
 * `hyperscope_bench_<pid>` is created, migrated, loaded, measured and dropped.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedSynthetic } from "../src/synthetic/index.ts";

const { values } = parseArgs({
  options: { scale: { type: "string", default: "1" }, seed: { type: "string", default: "1" } },
});
const scale = Number(values.scale);
const seed = Number(values.seed);
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `hyperscope_bench_${process.pid}`;
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${name}"`);
try {
  const h = await openDatabase({ url: dbUrl, maxConnections: 2 });
  try {
    await migrate(h);
    const [before] = await admin`select pg_current_wal_lsn()::text as lsn`;
    const started = performance.now();
    const clientCpu = process.cpuUsage();
    const counts = await seedSynthetic(h, { scale, seed });
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(clientCpu);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const [server] = await admin`
      select pg_database_size(${name}) as bytes,
             pg_wal_lsn_diff(pg_current_wal_lsn(), ${before?.lsn ?? "0/0"}::pg_lsn)::bigint as wal,
             current_setting('server_version') as version`;
    const backends = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${name}`;

    console.log(`synthetic load: scale ${scale}, seed ${seed}, PostgreSQL ${server?.version}`);
    for (const [table, n] of Object.entries(counts))
      console.log(`  ${table.padEnd(28)} ${String(n).padStart(10)}`);
    console.log(`  ${"total".padEnd(28)} ${String(total).padStart(10)}`);
    console.log(`seconds          ${seconds.toFixed(1)}`);
    console.log(`rows/s           ${Math.round(total / seconds)}`);
    console.log(`client CPU       ${((user + system) / 1e6).toFixed(1)} s`);
    console.log(`client peak RSS  ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    console.log(`database size    ${(Number(server?.bytes) / 2 ** 20).toFixed(0)} MB`);
    console.log(`WAL written      ${(Number(server?.wal) / 2 ** 20).toFixed(0)} MB`);
    for (const { pid } of backends) console.log(`server backend ${pid}: ${backendUsage(pid)}`);
  } finally {
    await h.close();
  }
} finally {
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end({ timeout: 5 });
}

/**
 * A backend's CPU time and peak resident set (VmHWM), readable when the server runs on this machine.
 * CPU seconds do not depend on what else the machine is running; wall time does.
 */
function backendUsage(pid: number): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+) kB/m);
    // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 per second).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const cpu = (Number(stat[11]) + Number(stat[12])) / 100;
    return `CPU ${cpu.toFixed(1)} s, peak RSS ${status ? (Number(status[1]) / 1024).toFixed(0) : "?"} MB`;
  } catch {
    return "unknown (server not on this machine)";
  }
}
