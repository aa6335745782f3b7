import { sql } from "drizzle-orm";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { type DatabaseHandle, DatabaseOpenError } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { openConfiguredDatabase } from "./db/open.ts";
import { queryRows } from "./db/rows.ts";
import { createApp } from "./http/app.ts";
import { createLogger, type Logger } from "./logger.ts";
import { seedCurated } from "./seed/curated.ts";

/** Exit codes: 2 = bad configuration, 1 = could not start (database unreachable, port taken, ...). */
const EXIT_CONFIG = 2;
const EXIT_STARTUP = 1;

/** `npm start`: validate config, open + migrate the database, seed an empty one, serve HTTP. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line naming the variable(s); no stack trace.
    process.stderr.write(`${error.message.replace(/\n\s*/g, " ")}\n`);
    process.exit(EXIT_CONFIG);
  }
  const logger = createLogger(config);

  let handle: DatabaseHandle;
  try {
    handle = await openConfiguredDatabase(config);
  } catch (error) {
    if (!(error instanceof DatabaseOpenError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(EXIT_STARTUP);
  }
  logger.info(
    { backend: handle.backend, dataDir: config.DATABASE_URL ? undefined : config.DATA_DIR },
    "database open",
  );

  await migrate(handle);
  if (config.SEED_ON_START) await seedWhenEmpty(handle, logger);

  const server = await createApp({ handle, config, logger });
  const { port } = await server.start({ port: config.PORT, host: config.HOST });
  logger.info({ port, host: config.HOST }, "listening");
  process.stdout.write(`GraphiQL: http://localhost:${port}/graphiql\n`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(EXIT_STARTUP);
    }
    stopping = true;
    logger.info({ signal }, "shutting down");
    try {
      await server.stop();
    } finally {
      // An open PGlite keeps the event loop alive: always close the database.
      await handle.close();
    }
    logger.info("stopped");
  };
  process.on("SIGINT", (s) => void shutdown(s));
  process.on("SIGTERM", (s) => void shutdown(s));
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
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT_STARTUP);
});
