import { mkdirSync } from "node:fs";
import type { Config } from "../config.ts";
import { type DatabaseHandle, openDatabase } from "./client.ts";

/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export async function openConfiguredDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR">,
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return openDatabase({ url: config.DATABASE_URL });
  mkdirSync(config.DATA_DIR, { recursive: true });
  return openDatabase({ dataDir: config.DATA_DIR });
}
