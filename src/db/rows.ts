import type { SQL } from "drizzle-orm";
import type { Database } from "./client.ts";

/**
 * Runs raw SQL and returns its rows on either backend (postgres.js returns an array, PGlite an
 * object with `rows`). Use for aggregates the query builder cannot express.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
