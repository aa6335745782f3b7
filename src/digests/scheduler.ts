import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/rows.ts";
import type { Logger } from "../logger.ts";
import { listSubscriptions, type SubscriptionRow } from "../subscriptions/queries.ts";
import { type DeliveryPolicy, deliverDue } from "./deliver/worker.ts";
import { type RunOptions, runDigestForSlot } from "./run.ts";
import { CATCH_UP_SLOTS, latestSlotAtOrBefore, slotsBetween } from "./slots.ts";

export interface SchedulerOptions {
  db: Database;
  /** Injectable clock (tests); the real one is `() => new Date()`. */
  clock?: () => Date;
  baseUrl: string;
  delivery: DeliveryPolicy;
  /** Missed slots made per subscription on a tick (the most recent ones); default CATCH_UP_SLOTS. */
  catchUpSlots?: number;
  /**
   * A slot is made this long after its time, so that writes whose transaction began before the slot
   * (created_at = transaction start) have committed. Default 30 s.
   */
  graceMs?: number;
  intervalMs?: number;
  logger?: Logger;
  /** Test hook passed to runDigestForSlot. */
  afterClaim?: RunOptions["afterClaim"];
}

export interface TickResult {
  created: number;
  skipped: number;
  errors: number;
  delivered: number;
}

/** The slot after which a subscription still needs digests: its latest digest's slot, else its creation. */
async function lastCovered(db: Database, sub: SubscriptionRow): Promise<Date> {
  const [row] = await queryRows<{ last: number | null }>(
    db,
    sql`select extract(epoch from max(slot))::float8 * 1000 as last from digests where subscription_id = ${sub.id}`,
  );
  return row?.last == null ? sub.createdAt : new Date(Number(row.last));
}

/**
 * Makes due digests and sends due deliveries. Any number of schedulers may run against one database:
 * every decision (which slot is made, which delivery is attempted) is a database claim, never
 * in-process state. One tick at a time per instance.
 */
export class DigestScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;
  private readonly clock: () => Date;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** One pass over every active subscription, then over due deliveries. */
  async tick(): Promise<TickResult> {
    const { db } = this.options;
    const result: TickResult = { created: 0, skipped: 0, errors: 0, delivered: 0 };
    const now = new Date(this.clock().getTime() - (this.options.graceMs ?? 30_000));
    for (const sub of await listSubscriptions(db, { active: true })) {
      if (this.stopped) break;
      try {
        const latest = latestSlotAtOrBefore(sub.cron, sub.timeZone, now);
        const after = await lastCovered(db, sub);
        const slots = slotsBetween(
          sub.cron,
          sub.timeZone,
          after,
          latest,
          this.options.catchUpSlots ?? CATCH_UP_SLOTS,
        );
        for (const slot of slots) {
          if (this.stopped) break;
          const run = await runDigestForSlot(db, sub, slot, {
            baseUrl: this.options.baseUrl,
            ...(this.options.afterClaim ? { afterClaim: this.options.afterClaim } : {}),
          });
          if (run.created) result.created++;
          else result.skipped++;
        }
      } catch (error) {
        result.errors++;
        this.options.logger?.error(
          { subscription: sub.slug, err: error },
          "digest run failed; retried next tick",
        );
      }
    }
    if (!this.stopped) {
      const pass = await deliverDue(db, this.clock, this.options.delivery);
      result.delivered = pass.delivered;
    }
    return result;
  }

  /** Ticks now and then every intervalMs (never two ticks at once on this instance). */
  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch((error) =>
        this.options.logger?.error({ err: error }, "scheduler tick failed"),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.options.intervalMs ?? 30_000);
    };
    void loop();
  }

  /** Stops ticking and waits for the tick in progress (a slot being made is finished or rolled back). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
