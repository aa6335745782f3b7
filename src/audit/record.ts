import { auditLog } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";

/** One write as the audit log keeps it; `before` is null for an insert, `after` null for a delete. */
export interface AuditEntry {
  /** `key:<id>` for an API key, else the tool that wrote (`cli`, `seed`, `import`); see actorOf(). */
  actor: string;
  action: "INSERT" | "UPDATE" | "DELETE" | "IMPORT";
  /** The table written, e.g. `facilities`. */
  entity: string;
  entityId: number | null;
  before: unknown;
  after: unknown;
}

/**
 * Appends entries to audit_log. Call it inside the transaction of the write it records, so a write
 * and its audit row commit or roll back together.
 */
export async function recordAudit(db: Database, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(
    entries.map((e) => ({
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
}
