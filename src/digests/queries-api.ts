import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import {
  digestDeliveries,
  digestDeliveryAttempts,
  digests,
  signals,
  subscriptions,
} from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { type PageRequest, pageOf, type Sort } from "../db/pagination.ts";

/** Lists for the API: signals and subscriptions by id, digests by slot (latest first). */
export const signalSort = { ID: signals.id };
export const subscriptionSort = { ID: subscriptions.id };
export const digestSort = { SLOT: digests.slot };

export function getSignalPage(db: Database, params: { where?: SQL; sort: Sort; request: PageRequest }) {
  return pageOf(db, signals, params);
}

export function getSubscriptionPage(db: Database, params: { sort: Sort; request: PageRequest }) {
  return pageOf(db, subscriptions, params);
}

export function getDigestPage(
  db: Database,
  params: { subscriptionId: number | null; sort: Sort; request: PageRequest },
) {
  const where =
    params.subscriptionId === null ? undefined : eq(digests.subscriptionId, params.subscriptionId);
  return pageOf(db, digests, { where, sort: params.sort, request: params.request });
}

export async function getDigestById(db: Database, id: number) {
  const [row] = await db.select().from(digests).where(eq(digests.id, id));
  return row ?? null;
}

export async function getSignalById(db: Database, id: number) {
  const [row] = await db.select().from(signals).where(eq(signals.id, id));
  return row ?? null;
}

export async function getDeliveryById(db: Database, id: number) {
  const [row] = await db.select().from(digestDeliveries).where(eq(digestDeliveries.id, id));
  return row ?? null;
}

export function getDeliveriesOfDigest(db: Database, digestId: number) {
  return db
    .select()
    .from(digestDeliveries)
    .where(eq(digestDeliveries.digestId, digestId))
    .orderBy(asc(digestDeliveries.id));
}

export function getAttemptsOfDelivery(db: Database, deliveryId: number) {
  return db
    .select()
    .from(digestDeliveryAttempts)
    .where(eq(digestDeliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(digestDeliveryAttempts.attempt));
}

/** The latest digest of a subscription at a slot (CLI). */
export async function getDigestAt(db: Database, subscriptionId: number, slot: Date) {
  const [row] = await db
    .select()
    .from(digests)
    .where(and(eq(digests.subscriptionId, subscriptionId), eq(digests.slot, slot)))
    .orderBy(desc(digests.id));
  return row ?? null;
}
