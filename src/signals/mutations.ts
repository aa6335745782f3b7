import { eq } from "drizzle-orm";
import { signals } from "../../schema/db/index.ts";
import { recordAudit } from "../audit/record.ts";
import type { Database } from "../db/client.ts";
import { userError, WriteRefused } from "../writes/user-errors.ts";
import type { SignalRow } from "./queries.ts";
import { parseRule, RuleError } from "./rules.ts";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function checkedRule(kind: string, rule: unknown) {
  try {
    return parseRule(kind, rule).rule;
  } catch (error) {
    if (error instanceof RuleError) {
      throw new WriteRefused([userError(["input", ...error.field.split(".")], "INVALID", error.message)]);
    }
    throw error;
  }
}

function checkName(name: string | null | undefined) {
  if (name != null && (name.trim() === "" || name.length > 200)) {
    throw new WriteRefused([userError(["input", "name"], "INVALID", "name must be 1 to 200 characters")]);
  }
}

export interface CreateSignalInput {
  slug: string;
  name: string;
  kind: string;
  rule: unknown;
}

/** Creates a signal with a validated rule (defaults filled in), audited in the same transaction. */
export async function createSignal(
  db: Database,
  input: CreateSignalInput,
  actor: string,
): Promise<SignalRow> {
  if (!SLUG.test(input.slug)) {
    throw new WriteRefused([
      userError(["input", "slug"], "INVALID", "slug must be lower-case words joined by hyphens"),
    ]);
  }
  checkName(input.name);
  const rule = checkedRule(input.kind, input.rule);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const [clash] = await t.select({ id: signals.id }).from(signals).where(eq(signals.slug, input.slug));
    if (clash)
      throw new WriteRefused([userError(["input", "slug"], "DUPLICATE", `a signal "${input.slug}" exists`)]);
    const [row] = await t
      .insert(signals)
      .values({ slug: input.slug, name: input.name, kind: input.kind as SignalRow["kind"], rule })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await recordAudit(t, [
      { actor, action: "INSERT", entity: "signals", entityId: row.id, before: null, after: row },
    ]);
    return row;
  });
}

export interface UpdateSignalInput {
  name?: string | null;
  rule?: unknown;
  enabled?: boolean | null;
}

/** Changes a signal's name, rule (validated for its kind) or enabled flag, audited. */
export async function updateSignal(
  db: Database,
  id: number,
  input: UpdateSignalInput,
  actor: string,
): Promise<SignalRow> {
  checkName(input.name);
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const [current] = await t.select().from(signals).where(eq(signals.id, id)).for("update");
    if (!current) throw new WriteRefused([userError(["input", "id"], "NOT_FOUND", "no such signal")]);
    const rule = input.rule == null ? current.rule : checkedRule(current.kind, input.rule);
    const [row] = await t
      .update(signals)
      .set({
        name: input.name ?? current.name,
        rule,
        enabled: input.enabled ?? current.enabled,
        updatedAt: new Date(),
      })
      .where(eq(signals.id, id))
      .returning();
    if (!row) throw new Error("update returned no row");
    await recordAudit(t, [
      { actor, action: "UPDATE", entity: "signals", entityId: id, before: current, after: row },
    ]);
    return row;
  });
}
