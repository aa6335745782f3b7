import { chips, facilities, sources, vendors } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { applyCatalogue, asSeedError } from "../seed/apply.ts";
import { checkCatalogue, type KnownKeys, type SeedCatalogue } from "../seed/catalogue.ts";
import type { SeedProblem } from "../seed/errors.ts";
import type { TableChanges } from "../seed/upsert.ts";
import { canonicalRecord } from "./canonical.ts";
import { type EntityName, entityNames, naturalKey } from "./entities.ts";
import { streamEntity } from "./export.ts";
import type { ReadInput } from "./read.ts";

/** What an import does (or, in a dry run, would do) to the records of one entity. */
export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  format: ReadInput["format"];
  dryRun: boolean;
  /** Per entity: records new to the database, records that differ from it, records identical to it. */
  counts: Record<EntityName, EntityCounts>;
  /** Rows inserted/updated/deleted per table (all zero when nothing changed). */
  changes: Record<string, TableChanges>;
}

/** Thrown inside the transaction to roll a dry run back after it has been fully checked and written. */
class DryRunRollback extends Error {}

/** Slugs and source URLs already in the database: an import may refer to them without repeating them. */
async function knownKeys(db: Database): Promise<KnownKeys> {
  const [s, v, c, f] = await Promise.all([
    db.select({ k: sources.url }).from(sources),
    db.select({ k: vendors.slug }).from(vendors),
    db.select({ k: chips.slug }).from(chips),
    db.select({ k: facilities.slug }).from(facilities),
  ]);
  const set = (rows: { k: string }[]) => new Set(rows.map((r) => r.k));
  return { sources: set(s), vendors: set(v), chips: set(c), facilities: set(f) };
}

/**
 * Sorts the catalogue's records into created / updated / unchanged by comparing each one's
 * canonical form with the record of the same natural key read back from the database (the export's
 * reader), so "unchanged" means exactly "an export would show the same record".
 */
async function classify(db: Database, c: SeedCatalogue): Promise<Record<EntityName, EntityCounts>> {
  const counts = {} as Record<EntityName, EntityCounts>;
  for (const entity of entityNames) {
    const incoming = new Map<string, string>();
    for (const rec of c[entity]) {
      const record = canonicalRecord(entity, rec.value as Record<string, unknown>);
      incoming.set(naturalKey(entity, record), JSON.stringify(record));
    }
    const n: EntityCounts = { created: 0, updated: 0, unchanged: 0 };
    if (incoming.size > 0) {
      await streamEntity(db, entity, (record) => {
        const mine = incoming.get(naturalKey(entity, record));
        if (mine === undefined) return;
        if (mine === JSON.stringify(record)) n.unchanged++;
        else n.updated++;
        incoming.delete(naturalKey(entity, record));
      });
    }
    n.created = incoming.size;
    counts[entity] = n;
  }
  return counts;
}

/**
 * Imports records read by readImportPath/readImportText: in one transaction, checks them all
 * (the seed's validation, with references resolvable to the file or to rows already in the
 * database), tells created/updated/unchanged per entity, and writes them through the seed's write
 * path (upsert on natural keys, audit row per written row with `actor`). Any problem refuses the
 * whole import with a SeedError listing every problem; nothing is written. A dry run does all of
 * this, then rolls back.
 */
export async function importRecords(
  db: Database,
  input: ReadInput,
  options: { actor: string; dryRun?: boolean; label: string },
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  let result: ImportResult | undefined;
  try {
    await db.transaction(async (tx) => {
      const t = tx as unknown as Database;
      const problems: SeedProblem[] = [...input.problems];
      const catalogue = checkCatalogue(input.raw, { problems, known: await knownKeys(t) });
      const counts = await classify(t, catalogue);
      const changes = await applyCatalogue(t, catalogue, options.actor);
      result = { format: input.format, dryRun, counts, changes };
      if (dryRun) throw new DryRunRollback();
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw asSeedError(error, options.label);
  }
  if (!result) throw new Error("internal: import finished without a result");
  return result;
}
