import { mkdirSync } from "node:fs";
import type { Config } from "../config.ts";
import { type BackgroundErrorListener, type DatabaseHandle, openDatabase } from "./client.ts";

/** The pool settings for serving requests (src/limits/settings.ts); tools (migrate, seed) pass none. */
export type ServingPool = Partial<
  Pick<Config, "STATEMENT_TIMEOUT_MS" | "LOCK_TIMEOUT_MS" | "DB_CONNECT_TIMEOUT_S" | "DB_POOL_MAX">
>;

/**
 * Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in
 * DATA_DIR. With `serving`, PostgreSQL connections get its statement/lock timeouts, connect timeout
 * and pool size; without, none (migrations and bulk seeds may run long). `onBackgroundError` hears
 * of failed driver work nobody awaits (a statement's cancel request), e.g. to log it.
 */
export async function openConfiguredDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR">,
  serving: ServingPool = {},
  onBackgroundError?: BackgroundErrorListener,
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return openDatabase({
      url: config.DATABASE_URL,
      ...(serving.DB_POOL_MAX ? { maxConnections: serving.DB_POOL_MAX } : {}),
      ...(serving.STATEMENT_TIMEOUT_MS ? { statementTimeoutMs: serving.STATEMENT_TIMEOUT_MS } : {}),
      ...(serving.LOCK_TIMEOUT_MS ? { lockTimeoutMs: serving.LOCK_TIMEOUT_MS } : {}),
      ...(serving.DB_CONNECT_TIMEOUT_S ? { connectTimeoutS: serving.DB_CONNECT_TIMEOUT_S } : {}),
      ...(onBackgroundError ? { onBackgroundError } : {}),
    });
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return openDatabase({ dataDir: config.DATA_DIR });
}
