import { type AnyColumn, and, eq, getTableColumns, getTableName, ne, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import { citationTables, sources } from "../../schema/db/index.ts";
import { recordAudit } from "../audit/record.ts";
import type { Database } from "../db/client.ts";
import { type Citation, ESTIMATE_NEEDS_METHOD, estimateWithoutMethod } from "../seed/records.ts";
import type { CitedEntity } from "../sources/queries.ts";
import { References } from "./references.ts";
import { parseRecord, userError, WriteRefused } from "./user-errors.ts";

/**
 * The generic write path of a curated entity: create, update (a patch merged onto the stored
 * record) and delete, each in one transaction with its audit row. An entity describes itself once
 * (a WriteSpec, in src/<domain>/writes.ts); validation is the seed's record schema
 * (src/seed/records.ts), so the seed, the mutations and imports share one definition of a valid record.
 *
 * Invariants:
 * - Nothing is written unless the whole input is valid: every check runs before the first write,
 *   and a refusal (WriteRefused) rolls the transaction back.
 * - Optimistic concurrency: update and delete lock the row and compare its updated_at (to the
 *   millisecond, as the API shows it) with `expectedUpdatedAt`; a mismatch is STALE. Every update
 *   moves updated_at forward by at least a millisecond, so two writes never share a version.
 * - The audit row holds the record before and after (references as slugs, sources by URL).
 */

export type Row = Record<string, unknown> & { id: number; updatedAt: Date };
type Table = PgTable & { id: AnyColumn; updatedAt: AnyColumn };

/** Child rows replaced as a whole with their parent (outage impacts, regulatory-event subjects). */
export interface ChildrenSpec<Rec> {
  table: PgTable & { id: AnyColumn };
  /** The child's column pointing at the parent. */
  parentKey: string;
  /** Child rows (without the parent id) from the record; unknown references go to `refs`. */
  rows(rec: Rec, refs: References): Promise<Record<string, unknown>[]>;
  /** The record fields the stored children make up, e.g. { impacts: [...] }. */
  read(db: Database, parentId: number): Promise<Record<string, unknown>>;
}

export interface WriteSpec<Rec> {
  /** GraphQL type name, e.g. "Facility" (global ids, messages). */
  type: string;
  table: Table;
  /** Its citation table (null for sources, which cite nothing). */
  cited: CitedEntity | null;
  /** The record schema of src/seed/records.ts. */
  record: z.ZodType<Rec>;
  /** Record → column values; references resolve through `refs`. */
  toRow(rec: Rec, refs: References): Promise<Record<string, unknown>>;
  /** Stored row → record fields (references as slugs), without sources and children. */
  toRecord(db: Database, row: Row): Promise<Record<string, unknown>>;
  /** The natural key: record field to blame on DUPLICATE and the row property it becomes. */
  naturalKey: Array<{ field: string; key: string }>;
  children?: ChildrenSpec<Rec>;
  /** Further checks of the column values (e.g. no cycle of parents); `selfId` is null on create. */
  check?(db: Database, values: Record<string, unknown>, selfId: number | null): Promise<void>;
  /** Columns of other tables that refer to this one: deleting a row still referred to is IN_USE. */
  referencedBy: Array<{ column: AnyColumn; table: PgTable }>;
}

const tx = <T>(db: Database, work: (t: Database) => Promise<T>) =>
  db.transaction((t) => work(t as unknown as Database));

/** Columns a write never sets. */
const databaseOwned = new Set(["id", "createdAt", "updatedAt"]);

/** Locks a row for the rest of the transaction; NOT_FOUND when there is none. */
async function lockRow(db: Database, spec: WriteSpec<unknown>, id: number, field: string[]): Promise<Row> {
  const [row] = await db.select().from(spec.table).where(eq(spec.table.id, id)).for("update");
  if (!row) throw new WriteRefused([userError(field, "NOT_FOUND", `no ${spec.type} with this id`)]);
  return row as Row;
}

/** STALE unless the row is still at the version the caller read. */
function checkVersion(row: Row, expected: Date, type: string): void {
  if (row.updatedAt.getTime() !== expected.getTime()) {
    throw new WriteRefused([
      userError(
        ["expectedUpdatedAt"],
        "STALE",
        `the ${type} changed at ${row.updatedAt.toISOString()}, after ${expected.toISOString()}: read it again and retry`,
      ),
    ]);
  }
}

/** The citations of a fact as record `sources` (URL, or { url, locator }), ordered by URL. */
async function readSources(db: Database, entity: CitedEntity, id: number): Promise<Citation[]> {
  const t = citationTables[entity];
  const rows = await db
    .select({ url: sources.url, locator: t.locator })
    .from(t)
    .innerJoin(sources, eq(sources.id, t.sourceId))
    .where(eq(t.subjectId, id))
    .orderBy(sources.url);
  return rows.map((r) => (r.locator == null ? r.url : { url: r.url, locator: r.locator }));
}

/** The stored record of a row: what an update merges onto, and what the audit log shows. */
export async function storedRecord<Rec>(
  db: Database,
  spec: WriteSpec<Rec>,
  row: Row,
): Promise<Record<string, unknown>> {
  return {
    ...(await spec.toRecord(db, row)),
    ...(spec.children ? await spec.children.read(db, row.id) : {}),
    ...(spec.cited ? { sources: await readSources(db, spec.cited, row.id) } : {}),
  };
}

interface Prepared {
  values: Record<string, unknown>;
  children: Record<string, unknown>[];
  citations: { sourceId: number; locator: string | null }[];
}

/** Validates a record and resolves every reference; refuses with all problems found. */
async function prepare<Rec>(
  db: Database,
  spec: WriteSpec<Rec>,
  input: unknown,
  selfId: number | null,
): Promise<Prepared> {
  const rec = parseRecord(spec.record, input, ["input"]);
  if (spec.cited && estimateWithoutMethod(rec as { confidence?: string; note?: string | null })) {
    throw new WriteRefused([userError(["input", "note"], "REQUIRED", ESTIMATE_NEEDS_METHOD)]);
  }
  const refs = new References(db);
  const values = await spec.toRow(rec, refs);
  const children = spec.children ? await spec.children.rows(rec, refs) : [];
  const citations: Prepared["citations"] = [];
  const cites = ((rec as { sources?: Citation[] }).sources ?? []) as Citation[];
  const seen = new Set<string>();
  for (const [i, cite] of cites.entries()) {
    const url = typeof cite === "string" ? cite : cite.url;
    const field = ["input", "sources", String(i)];
    if (seen.has(url)) {
      refs.errors.push(userError(field, "DUPLICATE", `source "${url}" is cited twice`));
      continue;
    }
    seen.add(url);
    const sourceId = await refs.source(url, field);
    if (sourceId != null)
      citations.push({ sourceId, locator: typeof cite === "string" ? null : cite.locator });
  }
  refs.throwIfUnknown();
  await checkUnique(db, spec, values, selfId);
  await spec.check?.(db, values, selfId);
  return { values, children, citations };
}

/** DUPLICATE when another row has the same natural key (NULLs compare equal, as in the unique indexes). */
async function checkUnique(
  db: Database,
  spec: WriteSpec<unknown>,
  values: Record<string, unknown>,
  selfId: number | null,
) {
  const columns = getTableColumns(spec.table) as Record<string, AnyColumn>;
  const same: SQL[] = spec.naturalKey.map(({ key }) => {
    const v = values[key];
    const column = columns[key] as AnyColumn;
    return v == null ? sql`${column} is null` : sql`${column} = ${v}`;
  });
  if (selfId != null) same.push(ne(spec.table.id, selfId));
  const [hit] = await db
    .select({ one: sql`1` })
    .from(spec.table)
    .where(and(...same))
    .limit(1);
  if (hit) {
    const fields = spec.naturalKey.map((k) => k.field);
    throw new WriteRefused([
      userError(
        ["input", fields[0] as string],
        "DUPLICATE",
        `another ${spec.type} already has this ${fields.join(" + ")}`,
      ),
    ]);
  }
}

/** Writes the citations and children of a row, replacing what it had. */
async function writeDependents<Rec>(
  db: Database,
  spec: WriteSpec<Rec>,
  id: number,
  p: Prepared,
  replace: boolean,
) {
  if (spec.cited) {
    const t = citationTables[spec.cited];
    if (replace) await db.delete(t).where(eq(t.subjectId, id));
    if (p.citations.length > 0) await db.insert(t).values(p.citations.map((c) => ({ ...c, subjectId: id })));
  }
  const children = spec.children;
  if (children) {
    const parent = (getTableColumns(children.table) as Record<string, AnyColumn>)[
      children.parentKey
    ] as AnyColumn;
    if (replace) await db.delete(children.table).where(eq(parent, id));
    if (p.children.length > 0) {
      await db
        .insert(children.table)
        .values(p.children.map((c) => ({ ...c, [children.parentKey]: id })) as never);
    }
  }
}

const auditEntity = (spec: WriteSpec<unknown>) => getTableName(spec.table);

/** Creates a row from a record (input: the record as the mutation received it). */
export function createFact<Rec>(
  db: Database,
  spec: WriteSpec<Rec>,
  input: unknown,
  actor: string,
): Promise<Row> {
  return tx(db, async (t) => {
    const p = await prepare(t, spec, input, null);
    const [row] = (await t
      .insert(spec.table)
      .values(p.values as never)
      .returning()) as Row[];
    const created = row as Row;
    await writeDependents(t, spec, created.id, p, false);
    const after = { id: created.id, ...(await storedRecord(t, spec, created)) };
    await recordAudit(t, [
      { actor, action: "INSERT", entity: auditEntity(spec), entityId: created.id, before: null, after },
    ]);
    return created;
  });
}

/**
 * Updates a row: `patch` fields replace the stored ones (null clears an optional field, an absent
 * field keeps its value; `sources` and child lists are replaced whole when given), then the merged
 * record is validated like a new one.
 */
export function updateFact<Rec>(
  db: Database,
  spec: WriteSpec<Rec>,
  id: number,
  expectedUpdatedAt: Date,
  patch: Record<string, unknown>,
  actor: string,
): Promise<Row> {
  return tx(db, async (t) => {
    const current = await lockRow(t, spec, id, ["id"]);
    checkVersion(current, expectedUpdatedAt, spec.type);
    const before = await storedRecord(t, spec, current);
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const p = await prepare(t, spec, { ...before, ...given }, id);
    const bump = sql`greatest(date_trunc('milliseconds', clock_timestamp()), date_trunc('milliseconds', ${spec.table.updatedAt}) + interval '1 millisecond')`;
    const [row] = (await t
      .update(spec.table)
      .set({ ...p.values, updatedAt: bump } as never)
      .where(eq(spec.table.id, id))
      .returning()) as Row[];
    await writeDependents(t, spec, id, p, true);
    const after = { id, ...(await storedRecord(t, spec, row as Row)) };
    await recordAudit(t, [
      { actor, action: "UPDATE", entity: auditEntity(spec), entityId: id, before: { id, ...before }, after },
    ]);
    return row as Row;
  });
}

/** Deletes a row (its citations and children go with it); IN_USE while other rows refer to it. */
export function deleteFact<Rec>(
  db: Database,
  spec: WriteSpec<Rec>,
  id: number,
  expectedUpdatedAt: Date,
  actor: string,
): Promise<{ id: number }> {
  return tx(db, async (t) => {
    const current = await lockRow(t, spec, id, ["id"]);
    checkVersion(current, expectedUpdatedAt, spec.type);
    const users: string[] = [];
    for (const { column, table } of spec.referencedBy) {
      const [hit] = await t.select({ one: sql`1` }).from(table).where(eq(column, id)).limit(1);
      if (hit) users.push(`${getTableName(table)}.${column.name}`);
    }
    if (users.length > 0) {
      throw new WriteRefused([
        userError(["id"], "IN_USE", `still referred to by ${[...new Set(users)].join(", ")}`),
      ]);
    }
    const before = { id, ...(await storedRecord(t, spec, current)) };
    await t.delete(spec.table).where(eq(spec.table.id, id));
    await recordAudit(t, [
      { actor, action: "DELETE", entity: auditEntity(spec), entityId: id, before, after: null },
    ]);
    return { id };
  });
}

/** Columns of a row that a record carries unchanged (everything but ids, timestamps and `omit`). */
export function plainFields(row: Row, omit: string[] = []): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !databaseOwned.has(k) && !omit.includes(k)));
}
