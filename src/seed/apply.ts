import { type AuditEntry, recordAudit } from "../audit/record.ts";
import type { Database } from "../db/client.ts";
import { constraintViolation } from "../db/errors.ts";
import type { SeedCatalogue } from "./catalogue.ts";
import { SeedError } from "./errors.ts";
import type { AuditTrail, TableChanges } from "./upsert.ts";
import { writeCatalogue } from "./write.ts";

/** Audit rows per INSERT statement (6 parameters each, well under PostgreSQL's 65,535). */
const auditBatch = 5_000;

/** Records audit entries in bulk, a few thousand per statement. */
export async function recordAuditInBatches(db: Database, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += auditBatch) {
    await recordAudit(db, entries.slice(i, i + auditBatch));
  }
}

/**
 * The one write path of the seed and of import: upserts a checked catalogue and records an
 * audit_log row (before/after JSON, `actor`) for every row inserted, updated or deleted; a
 * catalogue identical to the database writes no row and no audit entry. Call inside a transaction.
 */
export async function applyCatalogue(
  db: Database,
  catalogue: SeedCatalogue,
  actor: string,
): Promise<Record<string, TableChanges>> {
  const trail: AuditTrail = { actor, entries: [] };
  const changes = await writeCatalogue(db, catalogue, trail);
  await recordAuditInBatches(db, trail.entries);
  return changes;
}

/** A constraint violation raised while writing, as a SeedError naming `file`; other errors unchanged. */
export function asSeedError(error: unknown, file: string): unknown {
  const v = constraintViolation(error);
  if (!v) return error;
  const where = v.column ? `${v.table}.${v.column}` : v.table;
  return new SeedError(
    [
      {
        file,
        code: "CONSTRAINT_VIOLATION",
        message: `refused by the database: ${v.constraint} on ${where}${v.detail ? ` (${v.detail})` : ""}`,
      },
    ],
    { cause: error },
  );
}
