import { and, eq } from "drizzle-orm";
import { digestDeliveries, digestItems, digests } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import type { SubscriptionRow } from "../subscriptions/queries.ts";
import { getSubscriptionSignals } from "../subscriptions/queries.ts";
import { buildDigestContent } from "./content.ts";
import { dateIn, isSlot, lastSlots, previousSlot } from "./slots.ts";

/** Points of the HHI trend chart: the last 12 slots. */
export const TREND_SLOTS = 12;

export interface RunOptions {
  baseUrl: string;
  /** Test hook: called inside the claiming transaction after the digest row is inserted (a throw = a crash mid-run). */
  afterClaim?: (digestId: number) => Promise<void> | void;
}

export interface RunResult {
  digestId: number | null;
  /** False when the slot already had its digest (made by this or another instance). */
  created: boolean;
}

/** The deliveries a digest gets: webhook (JSON), one file per format in the folder, e-mail (HTML + Markdown). */
export function plannedDeliveries(sub: SubscriptionRow) {
  const out: {
    destination: "WEBHOOK" | "FOLDER" | "EMAIL";
    format: "MARKDOWN" | "HTML" | "JSON";
    target: string;
  }[] = [];
  if (sub.webhookUrl) out.push({ destination: "WEBHOOK", format: "JSON", target: sub.webhookUrl });
  if (sub.folder)
    for (const format of sub.formats) out.push({ destination: "FOLDER", format, target: sub.folder });
  if (sub.email) out.push({ destination: "EMAIL", format: "HTML", target: sub.email });
  return out;
}

/**
 * Makes the digest of `sub` for `slot`, exactly once across every instance: the digest row, its
 * items and its pending deliveries are inserted in one transaction whose first statement claims
 * (subscription, slot) through the unique constraint (`on conflict do nothing`). A second claimant
 * waits for the first to commit and then gets nothing; a crash before commit rolls everything back
 * and the slot is made by the next tick. Content is computed before the claim (reads only).
 */
export async function runDigestForSlot(
  db: Database,
  sub: SubscriptionRow,
  slot: Date,
  options: RunOptions,
): Promise<RunResult> {
  const [existing] = await db
    .select({ id: digests.id })
    .from(digests)
    .where(and(eq(digests.subscriptionId, sub.id), eq(digests.slot, slot)));
  if (existing) return { digestId: existing.id, created: false };
  const tz = sub.timeZone;
  const from = previousSlot(sub.cron, tz, slot);
  const signals = await getSubscriptionSignals(db, sub.id);
  const trendDates = [...new Set(lastSlots(sub.cron, tz, slot, TREND_SLOTS).map((t) => dateIn(t, tz)))];
  const { document, items } = await buildDigestContent(db, {
    signals,
    window: { from, to: slot },
    indexDates: { from: dateIn(from, tz), to: dateIn(slot, tz) },
    trendDates,
    baseUrl: options.baseUrl,
    subscription: { slug: sub.slug, name: sub.name },
    slot,
  });
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const [claimed] = await t
      .insert(digests)
      .values({ subscriptionId: sub.id, slot, windowStart: from, windowEnd: slot, rendered: document })
      .onConflictDoNothing({ target: [digests.subscriptionId, digests.slot] })
      .returning({ id: digests.id });
    if (!claimed) return { digestId: null, created: false };
    await options.afterClaim?.(claimed.id);
    if (items.length) {
      await t.insert(digestItems).values(
        items.map((i) => ({
          digestId: claimed.id,
          signalId: i.signalId,
          entity: i.item.type,
          entityId: i.entityId,
          summary: `${i.item.title} — ${i.item.detail}`,
          payload: i.item,
        })),
      );
    }
    const deliveries = plannedDeliveries(sub);
    if (deliveries.length) {
      await t
        .insert(digestDeliveries)
        .values(deliveries.map((d) => ({ digestId: claimed.id, ...d, nextAttemptAt: slot })));
    }
    return { digestId: claimed.id, created: true };
  });
}

/** `hyperscope digest run --at`: the slot must be one of the schedule's. */
export function checkSlot(sub: SubscriptionRow, at: Date): boolean {
  return isSlot(sub.cron, sub.timeZone, at);
}
