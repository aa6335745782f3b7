/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { getTableName, sql } from "drizzle-orm";
import { auditLog } from "../../schema/db/index.ts";
import { createKey } from "../../src/auth/manage.ts";
import type { Role } from "../../src/auth/viewer.ts";
import type { Database } from "../../src/db/client.ts";
import { countRows } from "../../src/seed/upsert.ts";
import { curatedTables } from "../../src/seed/write.ts";
import { postGraphql } from "../http/support.ts";

/** Creates an API key directly (as `hyperscope keys create` does) and returns its secret. */
export async function keyFor(db: Database, role: Role, name = `${role.toLowerCase()} test key`) {
  const { key, secret } = await createKey(db, { name, role }, "test");
  return { id: key.id, secret };
}

/** POSTs a GraphQL operation with an optional Bearer key; returns status and parsed body. */
export async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  secret?: string,
) {
  const res = await postGraphql(
    url,
    { query, variables },
    secret ? { authorization: `Bearer ${secret}` } : {},
  );
  return { status: res.status, body: (await res.json()) as any };
}

/** Row counts of every curated table and the audit log: equal before and after = nothing written. */
export async function writeCounts(db: Database): Promise<Record<string, number>> {
  return countRows(db, [...curatedTables, auditLog]);
}

/** The newest audit rows (newest first). */
export async function lastAudit(db: Database, n = 1) {
  return db.select().from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(n);
}

/** The newest audit row, with before/after as plain objects (throws when the log is empty). */
export async function newestAudit(db: Database) {
  const [row] = await lastAudit(db);
  if (!row) throw new Error("audit_log is empty");
  return row as typeof row & { before: any; after: any };
}

export const tableName = getTableName;
