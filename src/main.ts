import { resolve } from "node:path";
import { sql } from "drizzle-orm";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type DatabaseHandle, DatabaseOpenError } from "./db/client.ts";
import { loggableError } from "./db/faults.ts";
import { migrate } from "./db/migrate.ts";
import { openConfiguredDatabase } from "./db/open.ts";
import { queryRows } from "./db/rows.ts";
import { publicUrlOf, startConfiguredScheduler } from "./digests/service.ts";
import { createApp } from "./http/app.ts";
import { unhandledRejections } from "./http/metrics.ts";
import { installLastResortHandlers } from "./last-resort.ts";
import { createLogger, type Logger } from "./logger.ts";
import { seedCurated } from "./seed/curated.ts";
import { Closers, onTerminationSignals, requestDrainMs, until } from "./shutdown.ts";

/** Exit codes, as the CLI's: 2 = bad configuration or database unavailable, 1 = any other failure. */
const EXIT_CONFIG = 2;
const EXIT_STARTUP = 1;

/** Prints one line (no stack trace) and exits. */
function fail(message: string, code: number): never {
  process.stderr.write(`hyperscope: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  process.exit(code);
}

/** `npm start`: validate config, open + migrate the database, seed an empty one, serve HTTP. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    fail(error.message, EXIT_CONFIG); // names the variable(s)
  }
  const logger = createLogger(config);
  // Rejections nobody handled are logged, not fatal; uncaught exceptions still exit 1 (see the file).
  installLastResortHandlers(logger, { onUnhandledRejection: () => unhandledRejections.inc() });

  let handle: DatabaseHandle;
  try {
    handle = await openConfiguredDatabase(config);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof DatabaseOpenError || config.DATABASE_URL) {
      fail(`cannot connect to the database in DATABASE_URL: ${reason}`, EXIT_CONFIG);
    }
    fail(
      `cannot open the embedded database in DATA_DIR (${resolve(config.DATA_DIR)}): ${reason}`,
      EXIT_CONFIG,
    );
  }
  logger.info(
    { backend: handle.backend, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR },
    "database open",
  );

  await migrate(handle);
  if (config.SEED_ON_START) await seedWhenEmpty(handle, logger);
  if (config.DATABASE_URL) {
    // Migrations and the seed ran without timeouts; serve from a pool with them.
    await handle.close();
    handle = await openConfiguredDatabase(config, config, (event, error) =>
      logger.warn({ event, error: loggableError(error) }, "database driver background work failed"),
    );
  }

  const closers = new Closers();
  // Registered first: closes last, with what is left of the drain (running statements are cut then).
  closers.add("database", (deadline) => handle.close({ timeoutMs: deadline - Date.now() }));
  const server = await createApp({ handle, config, logger, publicUrl: publicUrlOf(config) });
  const { port } = await server.start({ port: config.PORT, host: config.HOST });
  logger.info({ port, host: config.HOST }, "listening");
  process.stdout.write(`GraphiQL: http://localhost:${port}/graphiql\n`);
  const scheduler = startConfiguredScheduler(handle.db, config, logger);

  // One signal drains, all within SHUTDOWN_TIMEOUT_MS (src/shutdown.ts): stop accepting and close
  // idle connections at once; in-flight requests finish (their connections close after the answer)
  // until requestDrainMs; the scheduler stops meanwhile (a slot in progress is finished or rolled
  // back); then the pool closes (an open PGlite keeps the event loop alive: it always closes); exit 0.
  onTerminationSignals(logger, config.SHUTDOWN_TIMEOUT_MS, async (deadline) => {
    const requestsBy = deadline - config.SHUTDOWN_TIMEOUT_MS + requestDrainMs(config.SHUTDOWN_TIMEOUT_MS);
    const schedulerStopped = scheduler ? until(scheduler.stop(), requestsBy) : Promise.resolve(true);
    try {
      await server.stop();
      if (!(await schedulerStopped)) {
        logger.warn("digest scheduler still busy at the drain deadline: its transaction ends with the pool");
      } else if (scheduler) logger.info({ closer: "digest scheduler" }, "closed");
    } finally {
      await closers.closeAll(logger, deadline);
    }
  });
}

/** First start: load the curated seed when there are no vendors. A failing seed is a warning, not a stop. */
async function seedWhenEmpty(handle: DatabaseHandle, logger: Logger): Promise<void> {
  const [row] = await queryRows<{ vendors: number }>(
    handle.db,
    sql`select count(*)::int as vendors from vendors`,
  );
  if ((row?.vendors ?? 0) > 0) return;
  try {
    const result = await seedCurated(handle.db);
    logger.info({ counts: result.counts }, "curated seed loaded");
  } catch (error) {
    logger.warn({ reason: summary(error) }, "curated seed not loaded; starting with an empty database");
  }
}

/** The first lines of an error's message: seed errors list every bad record, which can run long. */
function summary(error: unknown, maxLines = 3): string {
  const lines = (error instanceof Error ? error.message : String(error)).split("\n");
  const more = lines.length > maxLines ? ` (and ${lines.length - maxLines} more lines)` : "";
  return `${lines.slice(0, maxLines).join("; ")}${more}`;
}

main().catch((error: unknown) => {
  fail(`start-up failed: ${error instanceof Error ? error.message : String(error)}`, EXIT_STARTUP);
});
