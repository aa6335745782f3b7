import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { type DatabaseHandle, DatabaseOpenError, safeUrl } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { openConfiguredDatabase } from "../db/open.ts";
import { runDigestCli } from "../digests/cli.ts";
import { coverageTable, getDataCoverage } from "../indices/coverage.ts";
import { IndexInputError } from "../indices/errors.ts";
import { exportFormats, exportTo, isExportFormat } from "../interchange/export.ts";
import { importRecords } from "../interchange/import.ts";
import { readImportPath } from "../interchange/read.ts";
import { SeedError, seedCurated } from "../seed/curated.ts";
import { seedSynthetic } from "../synthetic/index.ts";
import { runKeys } from "./keys.ts";
import { databaseStatus } from "./status.ts";
import { exitCodes, usage } from "./usage.ts";

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
};

/** A mistake in the command line: reported with a pointer to --help. */
class UsageError extends Error {}

const oneLine = (text: string) =>
  text
    .replace(/:\s*\n\s*/g, ": ")
    .replace(/\s*\n\s*/g, "; ")
    .trim();

/** Where the configured database lives, without any password. */
const locationOf = (config: Config) =>
  config.DATABASE_URL ? safeUrl(config.DATABASE_URL) : resolve(config.DATA_DIR);

async function open(config: Config): Promise<DatabaseHandle> {
  try {
    return await openConfiguredDatabase(config);
  } catch (error) {
    const reason = oneLine((error as Error).message);
    if (error instanceof DatabaseOpenError || config.DATABASE_URL) {
      throw new DatabaseUnavailable(`cannot connect to the database in DATABASE_URL: ${reason}`);
    }
    throw new DatabaseUnavailable(
      `cannot open the embedded database in DATA_DIR (${locationOf(config)}): ${reason}`,
    );
  }
}

/** The database could not be configured, reached or opened. */
class DatabaseUnavailable extends Error {}

const positiveNumber = (name: string, raw: string | undefined, integer: boolean) => {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a positive ${integer ? "integer" : "number"}`);
  }
  return n;
};

const table = (counts: Record<string, number>) => {
  const width = Math.max(0, ...Object.keys(counts).map((k) => k.length));
  return Object.entries(counts)
    .map(([name, n]) => `  ${name.padEnd(width)}  ${n}\n`)
    .join("");
};

/** The data coverage at a date; a bad --as-of is a usage error. */
async function coverageOrUsage(db: Parameters<typeof getDataCoverage>[0], asOf: string) {
  try {
    return await getDataCoverage(db, asOf);
  } catch (error) {
    if (error instanceof IndexInputError) throw new UsageError(`--as-of: ${error.message}`);
    throw error;
  }
}

/** Runs one CLI command and returns the process exit code; the database is always closed. */
export async function runCli(argv: string[], io: CliIo = processIo, env = process.env): Promise<number> {
  try {
    if (argv[0] === "signals" || argv[0] === "subscriptions" || argv[0] === "digest") {
      const usageError = (message: string) => new UsageError(message);
      await runDigestCli(argv[0], argv.slice(1), {
        out: io.out,
        config: () => loadConfig(env),
        open,
        usageError,
      });
      return exitCodes.ok;
    }
    if (argv[0] === "keys") {
      const usageError = (message: string) => new UsageError(message);
      await runKeys(argv.slice(1), { out: io.out, config: () => loadConfig(env), open, usageError });
      return exitCodes.ok;
    }
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        json: { type: "boolean" },
        dir: { type: "string" },
        synthetic: { type: "boolean" },
        scale: { type: "string" },
        seed: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        "dry-run": { type: "boolean" },
        coverage: { type: "boolean" },
        "as-of": { type: "string" },
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || command === "help" || command === undefined) {
      io.out(usage);
      return command === undefined && !values.help ? exitCodes.usage : exitCodes.ok;
    }
    if (command === "export" || command === "import") {
      return await runInterchange(command, rest, values, io, env);
    }
    if (values.format || values.out || values["dry-run"]) {
      throw new UsageError(`--format and --out only apply to "export", --dry-run to "import"`);
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (!["migrate", "seed", "status"].includes(command))
      throw new UsageError(`unknown command "${command}"`);
    if (command !== "seed" && (values.synthetic || values.scale || values.seed || values.dir)) {
      throw new UsageError(`--dir, --synthetic, --scale and --seed only apply to "seed"`);
    }
    if (command !== "status" && (values.coverage || values["as-of"])) {
      throw new UsageError(`--coverage and --as-of only apply to "status"`);
    }
    if (values["as-of"] && !values.coverage) throw new UsageError("--as-of needs --coverage");
    if (!values.synthetic && (values.scale || values.seed)) {
      throw new UsageError("--scale and --seed need --synthetic");
    }
    if (values.synthetic && values.dir) throw new UsageError("--dir does not apply to --synthetic");
    const synthetic = values.synthetic
      ? {
          scale: positiveNumber("scale", values.scale, false),
          ...(values.seed !== undefined ? { seed: positiveNumber("seed", values.seed, true) } : {}),
        }
      : undefined;

    const config = loadConfig(env);
    const handle = await open(config);
    try {
      const where = `${handle.backend} at ${locationOf(config)}`;
      if (command === "migrate") {
        await migrate(handle);
        const status = await databaseStatus(handle.db);
        io.out(`migrated ${where}: ${status.migrationsApplied} migration(s) applied\n`);
      } else if (command === "seed") {
        await migrate(handle);
        if (synthetic) {
          const counts = await seedSynthetic(handle, synthetic);
          io.out(`synthetic seed (scale ${synthetic.scale}) loaded into ${where}:\n${table(counts)}`);
        } else {
          const result = await seedCurated(handle.db, values.dir ? { dir: resolve(values.dir) } : {});
          const changed = Object.values(result.changes).reduce(
            (n, c) => n + c.inserted + c.updated + c.deleted,
            0,
          );
          io.out(`curated seed loaded into ${where} (${changed} row(s) changed):\n${table(result.counts)}`);
        }
      } else {
        const status = await databaseStatus(handle.db);
        const coverage = values.coverage
          ? await coverageOrUsage(handle.db, values["as-of"] ?? new Date().toISOString().slice(0, 10))
          : undefined;
        const report = {
          backend: handle.backend,
          location: locationOf(config),
          ...status,
          ...(coverage ? { coverage } : {}),
        };
        if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
        else {
          io.out(
            `backend: ${report.backend}\nlocation: ${report.location}\n` +
              `migrations: ${status.migrationsApplied} applied of ${status.migrationsAvailable}\n` +
              `rows per table:\n${table(status.counts)}` +
              (coverage ? coverageTable(coverage) : ""),
          );
        }
      }
    } finally {
      await handle.close();
    }
    return exitCodes.ok;
  } catch (error) {
    return report(error, io);
  }
}

/** `export` and `import` (src/interchange): parse their options, then run on the configured database. */
async function runInterchange(
  command: "export" | "import",
  rest: string[],
  values: { format?: string; out?: string; "dry-run"?: boolean; [k: string]: unknown },
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const others = ["dir", "synthetic", "scale", "seed", "json"].filter((k) => values[k] !== undefined);
  if (others.length > 0) throw new UsageError(`--${others[0]} does not apply to "${command}"`);
  if (command === "import") return await runImport(rest, values, io, env);
  {
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (values["dry-run"]) throw new UsageError(`--dry-run only applies to "import"`);
    const format = values.format;
    if (!isExportFormat(format)) throw new UsageError(`--format must be one of ${exportFormats.join(", ")}`);
    if (!values.out)
      throw new UsageError("--out PATH is required (a file for json, a folder for csv and yaml)");
    const out = resolve(values.out);
    const handle = await open(loadConfig(env));
    try {
      await migrate(handle);
      const counts = await exportTo(handle.db, format, out);
      io.out(`exported ${format} to ${out}:\n${table(counts)}`);
    } finally {
      await handle.close();
    }
    return exitCodes.ok;
  }
}

/** An import refused for the problems it lists (reported as "import refused"). */
class ImportRefused extends SeedError {}

/** `import PATH [--dry-run]`: reads and checks the whole input, then writes it in one transaction. */
async function runImport(
  rest: string[],
  values: { format?: string; out?: string; "dry-run"?: boolean },
  io: CliIo,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  if (values.format || values.out) throw new UsageError(`--format and --out only apply to "export"`);
  const [path, extra] = rest;
  if (!path)
    throw new UsageError("import needs a PATH (a .json or .yaml file, a CSV folder or a seeds/ folder)");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const dryRun = values["dry-run"] ?? false;
  try {
    return await importAndReport(path, dryRun, io, env);
  } catch (error) {
    throw error instanceof SeedError ? new ImportRefused(error.problems, { cause: error }) : error;
  }
}

async function importAndReport(path: string, dryRun: boolean, io: CliIo, env: NodeJS.ProcessEnv) {
  const input = readImportPath(resolve(path));
  const handle = await open(loadConfig(env));
  try {
    await migrate(handle);
    const result = await importRecords(handle.db, input, { actor: "import", dryRun, label: path });
    const rows = Object.entries(result.counts);
    const width = Math.max(6, ...rows.map(([e]) => e.length));
    const line = (e: string, a: string | number, b: string | number, c: string | number) =>
      `  ${e.padEnd(width)}  ${String(a).padStart(7)}  ${String(b).padStart(7)}  ${String(c).padStart(9)}\n`;
    io.out(
      `${dryRun ? "dry run (nothing was written): " : ""}import of ${result.format} ${path}:\n` +
        line("entity", "created", "updated", "unchanged") +
        rows.map(([e, c]) => line(e, c.created, c.updated, c.unchanged)).join(""),
    );
  } finally {
    await handle.close();
  }
  return exitCodes.ok;
}

/** One clear message per failure, never a stack trace; returns the exit code. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof ConfigError) {
    io.err(`hyperscope: ${oneLine(error.message)}\n`);
    return exitCodes.database;
  }
  if (error instanceof DatabaseUnavailable) {
    io.err(`hyperscope: ${error.message}\n`);
    return exitCodes.database;
  }
  if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith("ERR_PARSE_ARGS")) {
    io.err(`hyperscope: ${(error as Error).message} (see hyperscope --help)\n`);
    return exitCodes.usage;
  }
  if (error instanceof SeedError) {
    const what = error instanceof ImportRefused ? "import" : "seed";
    io.err(`hyperscope: ${what} refused, nothing was written:\n${error.message}\n`);
    return exitCodes.failed;
  }
  io.err(`hyperscope: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
  return exitCodes.failed;
}
