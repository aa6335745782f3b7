/**
 * Peak memory and wall time of `hyperscope export` on synthetic data in PostgreSQL.
 *   npm run bench:export -- [--scale 1] [--seed 1] [--format json] [--database <name>] [--keep-output]
 * Server: TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres. Without --database a
 * throw-away database `hyperscope_bench_export_<pid>` is created, migrated, loaded with
 * `seed --synthetic` and dropped; with --database an existing database is used (loaded only if it has
 * no facilities) and kept. The export runs as a child process (the CLI, as a user runs it) under
 * /usr/bin/time -v, which reports the child's peak RSS ("Maximum resident set size").
 * Aim (issue 7): peak RSS under 300 MB for `--format json` at scale 1 (2.3M rows).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { queryRows } from "../src/db/rows.ts";
import { countRows } from "../src/seed/upsert.ts";
import { curatedTables } from "../src/seed/write.ts";
import { seedSynthetic } from "../src/synthetic/index.ts";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    format: { type: "string", default: "json" },
    database: { type: "string" },
    "keep-output": { type: "boolean", default: false },
  },
});
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = values.database ?? `hyperscope_bench_export_${process.pid}`;
const throwAway = values.database === undefined;
const dbUrl = (() => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();
const root = new URL("..", import.meta.url).pathname;
const aimMb = 300;

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const exists = await admin`select 1 from pg_database where datname = ${name}`;
if (exists.length === 0) await admin.unsafe(`create database "${name}"`);
const outDir = mkdtempSync(join(tmpdir(), "hyperscope-bench-export-"));
try {
  const h = await openDatabase({ url: dbUrl, maxConnections: 2 });
  let rows = 0;
  try {
    await migrate(h);
    const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from facilities`);
    if (Number(row?.n) === 0) {
      const started = performance.now();
      await seedSynthetic(h, { scale: Number(values.scale), seed: Number(values.seed) });
      await queryRows(h.db, sql`vacuum analyze`);
      console.log(
        `loaded synthetic scale ${values.scale} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    rows = Object.values(await countRows(h.db, curatedTables)).reduce((a, b) => a + b, 0);
  } finally {
    await h.close();
  }
  const out = join(outDir, values.format === "json" ? "export.json" : "export");
  const run = await timed([
    "--import",
    "tsx",
    "src/cli/main.ts",
    "export",
    "--format",
    String(values.format),
    "--out",
    out,
  ]);
  if (run.code !== 0) throw new Error(`export failed (exit ${run.code}):\n${run.stderr}`);
  const peakMb = run.maxRssKb / 1024;
  const size = statSync(out).isFile() ? statSync(out).size : undefined;
  console.log(`export --format ${values.format} of ${rows} curated-table rows (database ${name})`);
  console.log(`  wall time   ${run.seconds.toFixed(1)} s`);
  console.log(
    `  peak RSS    ${peakMb.toFixed(0)} MB (aim < ${aimMb} MB: ${peakMb < aimMb ? "met" : "NOT met"})`,
  );
  if (size !== undefined) console.log(`  output      ${(size / 1024 / 1024).toFixed(0)} MB`);
  if (values["keep-output"]) console.log(`  written to  ${out}`);
} finally {
  if (!values["keep-output"]) rmSync(outDir, { recursive: true, force: true });
  if (throwAway) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end({ timeout: 5 });
}

/** Runs node with `args` under /usr/bin/time -v; returns exit code, wall seconds and peak RSS (KB). */
function timed(
  args: string[],
): Promise<{ code: number | null; seconds: number; maxRssKb: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-v", process.execPath, ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: dbUrl },
      stdio: ["ignore", "inherit", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({
        code,
        seconds: (performance.now() - started) / 1000,
        maxRssKb: rss ? Number(rss[1]) : Number.NaN,
        stderr,
      });
    });
  });
}
