import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { type DatabaseHandle, DatabaseOpenError, safeUrl } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { openConfiguredDatabase } from "../db/open.ts";
import { runDigestCli } from "../digests/cli.ts";
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
      },
    });
    const [command, ...rest] = positionals;
    if (values.help || command === "help" || command === undefined) {
      io.out(usage);
      return command === undefined && !values.help ? exitCodes.usage : exitCodes.ok;
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (!["migrate", "seed", "status"].includes(command))
      throw new UsageError(`unknown command "${command}"`);
    if (command !== "seed" && (values.synthetic || values.scale || values.seed || values.dir)) {
      throw new UsageError(`--dir, --synthetic, --scale and --seed only apply to "seed"`);
    }
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
        const report = { backend: handle.backend, location: locationOf(config), ...status };
        if (values.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
        else {
          io.out(
            `backend: ${report.backend}\nlocation: ${report.location}\n` +
              `migrations: ${status.migrationsApplied} applied of ${status.migrationsAvailable}\n` +
              `rows per table:\n${table(status.counts)}`,
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
    io.err(`hyperscope: seed refused, nothing was written:\n${error.message}\n`);
    return exitCodes.failed;
  }
  io.err(`hyperscope: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
  return exitCodes.failed;
}
