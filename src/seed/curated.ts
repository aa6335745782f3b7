import type { Database } from "../db/client.ts";

// INTERFACE STUB (owned by the seed-loader work).

export interface CuratedSeedResult {
  /** Rows per table after the seed. */
  counts: Record<string, number>;
}

/** Loads seeds/ (or `dir`) into the database in one transaction; idempotent. */
export async function seedCurated(
  _db: Database,
  _options: { dir?: string } = {},
): Promise<CuratedSeedResult> {
  throw new Error("not implemented yet");
}
