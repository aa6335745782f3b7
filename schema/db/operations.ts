import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { id, slugCheck, timestamps } from "./columns.ts";
import { apiRole, auditAction, deliveryStatus, digestFormat, signalKind } from "./enums.ts";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** A named, validated watch rule (DESIGN §4); `rule` holds the kind-specific parameters. */
export const signals = pgTable(
  "signals",
  {
    id: id(),
    slug: text("slug").notNull().unique("signals_slug_unique"),
    name: text("name").notNull(),
    kind: signalKind("kind").notNull(),
    rule: jsonb("rule").notNull(),
    builtIn: boolean("built_in").notNull().default(false),
    /** A disabled signal matches nothing (kept so past digests still name it). */
    enabled: boolean("enabled").notNull().default(true),
    ...timestamps,
  },
  (t) => [slugCheck("signals", t.slug)],
);

/** A digest subscription: a cron schedule in a time zone, its signals, formats and destinations. */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: id(),
    slug: text("slug").notNull().unique("subscriptions_slug_unique"),
    name: text("name").notNull(),
    cron: text("cron").notNull(),
    timeZone: text("time_zone").notNull().default("UTC"),
    formats: digestFormat("formats").array().notNull(),
    webhookUrl: text("webhook_url"),
    folder: text("folder"),
    /** E-mail recipient (sent through SMTP_URL). */
    email: text("email"),
    /** Key of the HMAC-SHA256 signature on webhook deliveries; generated when a webhook is set. */
    webhookSecret: text("webhook_secret"),
    active: boolean("active").notNull().default(true),
    ...timestamps,
  },
  (t) => [
    slugCheck("subscriptions", t.slug),
    check("subscriptions_has_format", sql`cardinality(${t.formats}) >= 1`),
    check("subscriptions_has_destination", sql`num_nonnulls(${t.webhookUrl}, ${t.folder}, ${t.email}) >= 1`),
  ],
);

/** Which signals a subscription watches. */
export const subscriptionSignals = pgTable(
  "subscription_signals",
  {
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    signalId: integer("signal_id")
      .notNull()
      .references(() => signals.id, { onDelete: "restrict" }),
  },
  (t) => [unique("subscription_signals_unique").on(t.subscriptionId, t.signalId)],
);

/** One run of a subscription for one slot, covering (windowStart, windowEnd]; unique per slot. */
export const digests = pgTable(
  "digests",
  {
    id: id(),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    slot: ts("slot").notNull(),
    windowStart: ts("window_start").notNull(),
    windowEnd: ts("window_end").notNull(),
    rendered: jsonb("rendered"),
    ...timestamps,
  },
  (t) => [
    unique("digests_subscription_slot_unique").on(t.subscriptionId, t.slot),
    check("digests_window_order", sql`${t.windowEnd} > ${t.windowStart}`),
  ],
);

/** A fact that matched a signal in a digest's window. */
export const digestItems = pgTable(
  "digest_items",
  {
    id: id(),
    digestId: integer("digest_id")
      .notNull()
      .references(() => digests.id, { onDelete: "cascade" }),
    signalId: integer("signal_id")
      .notNull()
      .references(() => signals.id, { onDelete: "restrict" }),
    /** GraphQL type of the row (e.g. Outage), or CONCENTRATION / RISK for index moves. */
    entity: text("entity").notNull(),
    /** The row's id; null for index moves (they are not rows). */
    entityId: integer("entity_id"),
    summary: text("summary").notNull(),
    /** The item as it appears in the digest's JSON document (links, sources, figures). */
    payload: jsonb("payload").notNull().default(sql`'{}'::jsonb`),
    ...timestamps,
  },
  (t) => [index("digest_items_digest_idx").on(t.digestId)],
);

/** Delivery of a digest to one destination, with attempts and the last error. */
export const digestDeliveries = pgTable(
  "digest_deliveries",
  {
    id: id(),
    digestId: integer("digest_id")
      .notNull()
      .references(() => digests.id, { onDelete: "cascade" }),
    destination: text("destination").notNull(),
    format: digestFormat("format").notNull(),
    status: deliveryStatus("status").notNull().default("PENDING"),
    attempts: smallint("attempts").notNull().default(0),
    lastError: text("last_error"),
    deliveredAt: ts("delivered_at"),
    /** Sent as the delivery id header: the receiver's idempotency key (same on every retry). */
    deliveryKey: uuid("delivery_key").notNull().defaultRandom(),
    /** Where (webhook URL, folder, e-mail address) at the time the digest was made. */
    target: text("target").notNull().default(""),
    /** Not claimed by a worker before this time (backoff between attempts). */
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    /** A worker holds the delivery until then; a crashed worker's claim expires. */
    lockedUntil: ts("locked_until"),
    /** The delivery is FAILED once `attempts` reaches this; a re-send raises it. */
    maxAttempts: smallint("max_attempts").notNull().default(5),
    ...timestamps,
  },
  (t) => [
    check("digest_deliveries_attempts_nonnegative", sql`${t.attempts} >= 0`),
    unique("digest_deliveries_unique").on(t.digestId, t.destination, t.format),
    index("digest_deliveries_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** One attempt at a delivery and its outcome (every attempt is kept). */
export const digestDeliveryAttempts = pgTable(
  "digest_delivery_attempts",
  {
    id: id(),
    deliveryId: integer("delivery_id")
      .notNull()
      .references(() => digestDeliveries.id, { onDelete: "cascade" }),
    attempt: smallint("attempt").notNull(),
    startedAt: ts("started_at").notNull(),
    finishedAt: ts("finished_at").notNull(),
    ok: boolean("ok").notNull(),
    /** HTTP status of a webhook answer, when there was one. */
    httpStatus: integer("http_status"),
    error: text("error"),
  },
  (t) => [unique("digest_delivery_attempts_unique").on(t.deliveryId, t.attempt)],
);

/** An API key; only its SHA-256 hash is stored. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    name: text("name").notNull(),
    keyHash: text("key_hash").notNull().unique("api_keys_key_hash_unique"),
    role: apiRole("role").notNull(),
    revokedAt: ts("revoked_at"),
    lastUsedAt: ts("last_used_at"),
    ...timestamps,
  },
  (t) => [check("api_keys_key_hash_sha256", sql`${t.keyHash} ~ '^[0-9a-f]{64}$'`)],
);

/** Every write: who, what, when, and the row before and after. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    actor: text("actor").notNull(),
    action: auditAction("action").notNull(),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_at_idx").on(t.at)],
);
