import { Counter } from "prom-client";
import { metricsRegistry } from "../http/metrics.ts";

/** Slots this instance tried to make: created, already made (by any instance), or failed (retried next tick). */
export const digestRuns = new Counter({
  name: "hyperscope_digest_runs_total",
  help: "Digest slot runs by this instance, by outcome (created, skipped: already made, error)",
  labelNames: ["outcome"] as const,
  registers: [metricsRegistry],
});

/** Delivery attempts made by this instance. */
export const deliveryAttempts = new Counter({
  name: "hyperscope_digest_delivery_attempts_total",
  help: "Digest delivery attempts by destination and outcome (ok, retry, failed: out of attempts)",
  labelNames: ["destination", "outcome"] as const,
  registers: [metricsRegistry],
});
