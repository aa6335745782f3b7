import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../db/client.ts";
import { loadSynthetic } from "./load.ts";

export { plannedCounts } from "./counts.ts";
export { SYNTHETIC_SOURCE, SyntheticDataExistsError } from "./load.ts";

export interface SyntheticOptions {
  /** 1 ≈ 100k facilities, 1M outage impacts, 10k vendors, 50k regulatory events; fractions allowed. */
  scale: number;
  /** PRNG seed (default 1); the same seed and scale always produce the same rows. */
  seed?: number;
}

/**
 * Bulk-loads deterministic synthetic data for scale tests, in one transaction, on top of whatever
 * the database holds (an empty migrated database or the curated seed). Synthetic slugs start with
 * `syn-`, every fact row is ESTIMATED and cites the synthetic source. A database takes one synthetic
 * load: a second one (any seed) throws SyntheticDataExistsError and changes nothing.
 * Then vacuums and analyzes the database. Returns the rows loaded per table.
 */
export async function seedSynthetic(
  handle: DatabaseHandle,
  options: SyntheticOptions,
): Promise<Record<string, number>> {
  if (!handle.bulk) throw new Error("this database handle has no bulk-load support");
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const counts = await handle.bulk((session) => loadSynthetic(session, { scale: options.scale, seed }));
  // Steady state right away: the visibility map for index-only scans and statistics for the planner
  // (autovacuum would get there later; benchmarks and the first queries should not wait for it).
  await handle.db.execute(sql`vacuum analyze`);
  return counts;
}
