import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { signals, subscriptionSignals, subscriptions } from "../../schema/db/index.ts";
import { type AuditEntry, recordAudit } from "../audit/record.ts";
import type { Database } from "../db/client.ts";
import type { SignalRow } from "../signals/queries.ts";
import {
  type CreateSubscriptionInput,
  checkSubscriptionInput,
  SubscriptionInputError,
  type UpdateSubscriptionInput,
} from "./input.ts";

export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** A new webhook signing key (shown once to the ADMIN who creates or rotates it). */
const newSecret = () => randomBytes(32).toString("hex");

export function listSubscriptions(
  db: Database,
  options: { active?: boolean } = {},
): Promise<SubscriptionRow[]> {
  return db
    .select()
    .from(subscriptions)
    .where(options.active === undefined ? undefined : eq(subscriptions.active, options.active))
    .orderBy(asc(subscriptions.id));
}

export async function getSubscriptionBySlug(
  db: Database,
  slug: string,
): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.slug, slug));
  return row;
}

export async function getSubscriptionById(db: Database, id: number): Promise<SubscriptionRow | undefined> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row;
}

/** The enabled signals a subscription watches. */
export function getSubscriptionSignals(db: Database, subscriptionId: number): Promise<SignalRow[]> {
  return db
    .select({ signal: signals })
    .from(subscriptionSignals)
    .innerJoin(signals, eq(signals.id, subscriptionSignals.signalId))
    .where(and(eq(subscriptionSignals.subscriptionId, subscriptionId), eq(signals.enabled, true)))
    .orderBy(asc(signals.id))
    .then((rows) => rows.map((r) => r.signal));
}

async function signalIds(db: Database, slugs: readonly string[]): Promise<number[]> {
  const rows = await db
    .select({ id: signals.id, slug: signals.slug })
    .from(signals)
    .where(inArray(signals.slug, [...slugs]));
  const missing = slugs.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length)
    throw new SubscriptionInputError("signals", `signals: unknown signal(s) ${missing.join(", ")}`);
  return rows.map((r) => r.id);
}

const noDestination = () =>
  new SubscriptionInputError("webhookUrl", "a subscription needs a destination: webhookUrl, folder or email");

/** Creates a subscription (validated; a webhook gets a fresh secret), audited, in one transaction. */
export async function createSubscription(
  db: Database,
  input: unknown,
  actor: string,
): Promise<SubscriptionRow> {
  const data = checkSubscriptionInput("create", input) as CreateSubscriptionInput;
  if (!data.webhookUrl && !data.folder && !data.email) throw noDestination();
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const ids = await signalIds(t, data.signals);
    const existing = await getSubscriptionBySlug(t, data.slug);
    if (existing) throw new SubscriptionInputError("slug", `slug: a subscription "${data.slug}" exists`);
    const [row] = await t
      .insert(subscriptions)
      .values({
        slug: data.slug,
        name: data.name,
        cron: data.cron,
        timeZone: data.timeZone,
        formats: data.formats,
        webhookUrl: data.webhookUrl ?? null,
        webhookSecret: data.webhookUrl ? newSecret() : null,
        folder: data.folder ?? null,
        email: data.email ?? null,
        active: data.active ?? true,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await t.insert(subscriptionSignals).values(ids.map((signalId) => ({ subscriptionId: row.id, signalId })));
    await recordAudit(t, [
      audit(actor, "INSERT", row.id, null, { ...row, webhookSecret: undefined, signals: data.signals }),
    ]);
    return row;
  });
}

const audit = (
  actor: string,
  action: AuditEntry["action"],
  id: number,
  before: unknown,
  after: unknown,
): AuditEntry => ({
  actor,
  action,
  entity: "subscriptions",
  entityId: id,
  before,
  after,
});

/** Changes the fields given (optimistic: `expectedUpdatedAt` must match when given). */
export async function updateSubscription(
  db: Database,
  id: number,
  input: unknown,
  actor: string,
  expectedUpdatedAt?: Date | null,
): Promise<SubscriptionRow> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const [current] = await t.select().from(subscriptions).where(eq(subscriptions.id, id)).for("update");
    if (!current) throw new SubscriptionInputError("id", "id: no such subscription");
    if (expectedUpdatedAt && current.updatedAt.getTime() !== expectedUpdatedAt.getTime()) {
      throw new SubscriptionInputError(
        "expectedUpdatedAt",
        "expectedUpdatedAt: the subscription changed since you read it",
      );
    }
    const data = checkSubscriptionInput("update", input, current) as UpdateSubscriptionInput;
    const next = {
      webhookUrl: data.webhookUrl === undefined ? current.webhookUrl : data.webhookUrl,
      folder: data.folder === undefined ? current.folder : data.folder,
      email: data.email === undefined ? current.email : data.email,
    };
    if (!next.webhookUrl && !next.folder && !next.email) throw noDestination();
    const { signals: slugs, ...columns } = data;
    const [row] = await t
      .update(subscriptions)
      .set({
        ...columns,
        ...next,
        webhookSecret: next.webhookUrl ? (current.webhookSecret ?? newSecret()) : null,
        updatedAt: new Date(),
      })
      .where(eq(subscriptions.id, id))
      .returning();
    if (!row) throw new Error("update returned no row");
    if (slugs) {
      const ids = await signalIds(t, slugs);
      await t.delete(subscriptionSignals).where(eq(subscriptionSignals.subscriptionId, id));
      await t.insert(subscriptionSignals).values(ids.map((signalId) => ({ subscriptionId: id, signalId })));
    }
    await recordAudit(t, [
      audit(
        actor,
        "UPDATE",
        id,
        { ...current, webhookSecret: undefined },
        { ...row, webhookSecret: undefined, signals: slugs },
      ),
    ]);
    return row;
  });
}
