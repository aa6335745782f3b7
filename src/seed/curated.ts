import { fileURLToPath } from "node:url";
import type { Database } from "../db/client.ts";
import { applyCatalogue, asSeedError } from "./apply.ts";
import { readCatalogue } from "./catalogue.ts";
import { displayPath } from "./files.ts";
import { countRows, type TableChanges } from "./upsert.ts";
import { curatedTables } from "./write.ts";

export { SeedError, type SeedProblem } from "./errors.ts";

/** The curated seed folder of this repository. */
export const defaultSeedDir = fileURLToPath(new URL("../../seeds", import.meta.url));

export interface CuratedSeedResult {
  /** Rows per curated table after the seed (table name → count). */
  counts: Record<string, number>;
  /** What this run inserted, updated and deleted per table; all zero when re-seeding the same files. */
  changes: Record<string, TableChanges>;
}

/**
 * Loads seeds/ (or `dir`) into the database: every file is read and checked first, then everything
 * is written in one transaction (all or nothing), upserting on natural keys. Idempotent: a second
 * run with the same files changes no row. Every row inserted, updated or deleted gets an audit_log
 * row (actor `seed`, before/after); a run that changes nothing records nothing.
 * Throws SeedError naming file, record and field when a record is invalid or refers to something
 * the seed does not define.
 */
export async function seedCurated(db: Database, options: { dir?: string } = {}): Promise<CuratedSeedResult> {
  const dir = options.dir ?? defaultSeedDir;
  const catalogue = readCatalogue(dir);
  try {
    return await db.transaction(async (tx) => {
      const t = tx as unknown as Database;
      const changes = await applyCatalogue(t, catalogue, "seed");
      const counts = await countRows(t, curatedTables);
      return { counts, changes };
    });
  } catch (error) {
    throw asSeedError(error, displayPath(dir));
  }
}
