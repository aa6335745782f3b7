import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { signals } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";

export type SignalRow = typeof signals.$inferSelect;

export interface SignalFilter {
  enabled?: boolean | null;
  kinds?: readonly string[] | null;
}

export function signalWhere(filter: SignalFilter | null | undefined): SQL | undefined {
  return and(
    filter?.enabled == null ? undefined : eq(signals.enabled, filter.enabled),
    filter?.kinds?.length ? inArray(signals.kind, filter.kinds as never) : undefined,
  );
}

/** Every signal (CLI listing), by id. */
export function listSignals(db: Database, filter?: SignalFilter): Promise<SignalRow[]> {
  return db.select().from(signals).where(signalWhere(filter)).orderBy(asc(signals.id));
}

export function getSignalsBySlugs(db: Database, slugs: readonly string[]): Promise<SignalRow[]> {
  if (slugs.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(signals)
    .where(inArray(signals.slug, [...slugs]))
    .orderBy(asc(signals.id));
}

export function getSignalsByIds(db: Database, ids: readonly number[]): Promise<SignalRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(signals)
    .where(inArray(signals.id, [...ids]))
    .orderBy(asc(signals.id));
}
