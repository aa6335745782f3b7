import { mkdirSync } from "node:fs";
import type { Config } from "../config.ts";
import { type DatabaseHandle, openDatabase } from "./client.ts";

/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openConfiguredDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR"> &
    Partial<
      Pick<Config, "STATEMENT_TIMEOUT_MS" | "LOCK_TIMEOUT_MS" | "DB_CONNECT_TIMEOUT_S" | "DB_POOL_MAX">
    >,
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) {
    return openDatabase({
      url: config.DATABASE_URL,
      ...(config.DB_POOL_MAX ? { maxConnections: config.DB_POOL_MAX } : {}),
      ...(config.STATEMENT_TIMEOUT_MS ? { statementTimeoutMs: config.STATEMENT_TIMEOUT_MS } : {}),
      ...(config.LOCK_TIMEOUT_MS ? { lockTimeoutMs: config.LOCK_TIMEOUT_MS } : {}),
      ...(config.DB_CONNECT_TIMEOUT_S ? { connectTimeoutS: config.DB_CONNECT_TIMEOUT_S } : {}),
    });
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  return openDatabase({ dataDir: config.DATA_DIR });
}
