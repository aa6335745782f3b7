import { eq, sql } from "drizzle-orm";
import { digestDeliveries, digestDeliveryAttempts } from "../../../schema/db/index.ts";
import type { Database } from "../../db/client.ts";
import { queryRows } from "../../db/rows.ts";
import type { DigestDocument } from "../document.ts";
import { type AttemptOutcome, attemptDelivery, type TransportOptions } from "./transports.ts";

export interface DeliveryPolicy extends TransportOptions {
  /** Backoff before attempt n+1: min(baseMs · 2^(n−1), capMs). */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A claim expires after this (a worker that died mid-attempt); must exceed timeoutMs. */
  leaseMs: number;
  /** Deliveries claimed per pass. */
  batch: number;
}

export const DEFAULT_DELIVERY_POLICY: Omit<DeliveryPolicy, "smtpUrl" | "smtpFrom"> = {
  timeoutMs: 10_000,
  backoffBaseMs: 30_000,
  backoffCapMs: 3_600_000,
  leaseMs: 60_000,
  batch: 20,
};

/** Exponential backoff with a cap: the wait after the `attempt`-th failure. */
export function backoffMs(
  attempt: number,
  policy: Pick<DeliveryPolicy, "backoffBaseMs" | "backoffCapMs">,
): number {
  return Math.min(policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1), policy.backoffCapMs);
}

interface ClaimedDelivery extends Record<string, unknown> {
  id: number;
  delivery_key: string;
  destination: "WEBHOOK" | "FOLDER" | "EMAIL";
  format: "MARKDOWN" | "HTML" | "JSON";
  target: string;
  attempts: number;
  max_attempts: number;
  rendered: DigestDocument;
  slot: Date | string;
  subscription_slug: string;
  webhook_secret: string | null;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Claims due deliveries (PENDING, next attempt due, not leased) with FOR UPDATE SKIP LOCKED, so
 * concurrent workers on any number of instances never take the same one; the claim counts the
 * attempt and leases the row until now + leaseMs.
 */
async function claim(
  db: Database,
  now: Date,
  policy: DeliveryPolicy,
  only?: number,
): Promise<ClaimedDelivery[]> {
  return queryRows<ClaimedDelivery>(
    db,
    sql`with due as (
          select id from digest_deliveries
          where status = 'PENDING' and next_attempt_at <= ${ts(now)}
            and (locked_until is null or locked_until < ${ts(now)})
            ${only === undefined ? sql`` : sql`and id = ${only}`}
          order by next_attempt_at, id limit ${policy.batch}
          for update skip locked),
        claimed as (
          update digest_deliveries d set attempts = d.attempts + 1,
            locked_until = ${ts(new Date(now.getTime() + policy.leaseMs))}
          from due where d.id = due.id
          returning d.*)
        select c.id, c.delivery_key::text as delivery_key, c.destination, c.format, c.target, c.attempts,
          c.max_attempts, g.rendered, g.slot, s.slug as subscription_slug, s.webhook_secret
        from claimed c join digests g on g.id = c.digest_id join subscriptions s on s.id = g.subscription_id
        order by c.id`,
  );
}

async function settle(
  db: Database,
  d: ClaimedDelivery,
  outcome: AttemptOutcome,
  started: Date,
  now: Date,
  policy: DeliveryPolicy,
) {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    await t.insert(digestDeliveryAttempts).values({
      deliveryId: d.id,
      attempt: d.attempts,
      startedAt: started,
      finishedAt: now,
      ok: outcome.ok,
      httpStatus: outcome.httpStatus ?? null,
      error: outcome.error ?? null,
    });
    const failed = !outcome.ok && d.attempts >= d.max_attempts;
    await t
      .update(digestDeliveries)
      .set({
        status: outcome.ok ? "DELIVERED" : failed ? "FAILED" : "PENDING",
        deliveredAt: outcome.ok ? now : null,
        lastError: outcome.ok ? null : (outcome.error ?? "failed"),
        lockedUntil: null,
        nextAttemptAt: outcome.ok || failed ? now : new Date(now.getTime() + backoffMs(d.attempts, policy)),
        updatedAt: now,
      })
      .where(eq(digestDeliveries.id, d.id));
  });
}

export interface DeliveryPassResult {
  attempted: number;
  delivered: number;
  failed: number;
  retrying: number;
}

/** One pass: claim what is due, attempt each, record every attempt and its outcome. */
export async function deliverDue(
  db: Database,
  clock: () => Date,
  policy: DeliveryPolicy,
  only?: number,
): Promise<DeliveryPassResult> {
  const result: DeliveryPassResult = { attempted: 0, delivered: 0, failed: 0, retrying: 0 };
  const claimed = await db.transaction((tx) => claim(tx as unknown as Database, clock(), policy, only));
  for (const d of claimed) {
    const started = clock();
    const outcome = await attemptDelivery(
      {
        deliveryKey: d.delivery_key,
        destination: d.destination,
        format: d.format,
        target: d.target,
        document: d.rendered,
        subscriptionSlug: d.subscription_slug,
        slot: new Date(d.slot),
        webhookSecret: d.webhook_secret,
      },
      policy,
    );
    await settle(db, d, outcome, started, clock(), policy);
    result.attempted++;
    if (outcome.ok) result.delivered++;
    else if (d.attempts >= d.max_attempts) result.failed++;
    else result.retrying++;
  }
  return result;
}

/**
 * Re-sends a delivery (FAILED, or DELIVERED on request): back to PENDING, due now, with a fresh
 * budget of attempts. The digest is not made again; the delivery id stays the same.
 */
export async function resendDelivery(
  db: Database,
  deliveryId: number,
  now: Date,
  attempts: number,
): Promise<boolean> {
  const rows = await db
    .update(digestDeliveries)
    .set({
      status: "PENDING",
      nextAttemptAt: now,
      lockedUntil: null,
      maxAttempts: sql`least(32767, ${digestDeliveries.attempts} + ${attempts})`,
      updatedAt: now,
    })
    .where(sql`${digestDeliveries.id} = ${deliveryId} and ${digestDeliveries.status} <> 'PENDING'`)
    .returning({ id: digestDeliveries.id });
  return rows.length > 0;
}
