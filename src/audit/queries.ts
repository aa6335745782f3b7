import { and, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { auditLog } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { type Page, type PageRequest, pageOf } from "../db/pagination.ts";

export type AuditEntryRow = typeof auditLog.$inferSelect;

export interface AuditLogFilter {
  entity?: readonly string[] | null;
  entityId?: number | null;
  actor?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export interface AuditLogParams {
  filter: AuditLogFilter;
  request: PageRequest;
}

export function auditWhere(f: AuditLogFilter): SQL | undefined {
  return and(
    f.entity ? inArray(auditLog.entity, [...f.entity]) : undefined,
    f.entityId != null ? eq(auditLog.entityId, f.entityId) : undefined,
    f.actor != null ? eq(auditLog.actor, f.actor) : undefined,
    f.from ? gte(auditLog.at, f.from) : undefined,
    f.to ? lt(auditLog.at, f.to) : undefined,
  );
}

/** Audit entries newest first (by id, which follows write order). */
export function getAuditEntries(db: Database, params: AuditLogParams): Promise<Page<AuditEntryRow>> {
  return pageOf(db, auditLog, {
    where: auditWhere(params.filter),
    sort: { column: auditLog.id, direction: "DESC" },
    request: params.request,
  });
}
