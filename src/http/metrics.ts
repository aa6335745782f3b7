import type { RequestHandler } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DatabaseHandle } from "../db/client.ts";

/**
 * The process's Prometheus registry. Other units add their own metrics to it (e.g. digest runs:
 * `new Counter({ name: "hyperscope_digest_runs_total", help, registers: [metricsRegistry] })`).
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "hyperscope_" });

export const requestsTotal = new Counter({
  name: "hyperscope_graphql_requests_total",
  help: "GraphQL requests by operation name and outcome (ok, or the first error code)",
  labelNames: ["operation", "outcome"] as const,
  registers: [metricsRegistry],
});

export const requestDuration = new Histogram({
  name: "hyperscope_http_request_duration_seconds",
  help: "HTTP request latency by route and outcome",
  labelNames: ["route", "outcome"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

export const queryCost = new Histogram({
  name: "hyperscope_graphql_query_cost",
  help: "Computed cost of GraphQL operations (src/limits/cost.ts)",
  buckets: [1, 10, 100, 500, 1_000, 5_000, 10_000, 25_000, 50_000, 100_000],
  registers: [metricsRegistry],
});

export const indexCacheLookups = new Counter({
  name: "hyperscope_index_cache_lookups_total",
  help: "Index result cache lookups (src/indices/cache.ts) by index and outcome (hit, miss)",
  labelNames: ["index", "outcome"] as const,
  registers: [metricsRegistry],
});

export const unhandledRejections = new Counter({
  name: "hyperscope_unhandled_rejections_total",
  help: "Promise rejections nobody handled, logged and survived (src/last-resort.ts); should stay 0",
  registers: [metricsRegistry],
});

const MAX_OPERATION_LABELS = 200;
const seenOperations = new Set<string>();

/** A bounded label for a client-chosen operation name: "anonymous", the name, or "other" past 200 names. */
export function operationLabel(name: string | null): string {
  if (!name) return "anonymous";
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return "other";
  if (seenOperations.has(name)) return name;
  if (seenOperations.size >= MAX_OPERATION_LABELS) return "other";
  seenOperations.add(name);
  return name;
}

/** Database pool gauges, read from `handle` at scrape time. Call once per handle served. */
export function registerPoolMetrics(handle: DatabaseHandle): void {
  for (const name of ["hyperscope_db_pool_active", "hyperscope_db_pool_max"]) {
    metricsRegistry.removeSingleMetric(name);
  }
  new Gauge({
    name: "hyperscope_db_pool_active",
    help: "Database statements sent and not yet answered (PGlite: 1 connection)",
    registers: [metricsRegistry],
    collect() {
      this.set(handle.poolUsage().active);
    },
  });
  new Gauge({
    name: "hyperscope_db_pool_max",
    help: "Database pool size",
    registers: [metricsRegistry],
    collect() {
      this.set(handle.poolUsage().max);
    },
  });
}

/**
 * GET /metrics in Prometheus text. METRICS=off answers 404; with METRICS_TOKEN set it needs
 * `Authorization: Bearer <token>` (401 otherwise).
 */
export function metricsRoute(settings: {
  METRICS: "on" | "off";
  METRICS_TOKEN?: string | undefined;
}): RequestHandler {
  return async (req, res, next) => {
    if (settings.METRICS === "off") return next();
    if (settings.METRICS_TOKEN && req.get("authorization") !== `Bearer ${settings.METRICS_TOKEN}`) {
      res.status(401).set("WWW-Authenticate", "Bearer").json({ error: "metrics need a bearer token" });
      return;
    }
    res.set("Content-Type", metricsRegistry.contentType).set("Cache-Control", "no-store");
    res.send(await metricsRegistry.metrics());
  };
}
