import { z } from "zod";

/**
 * The hardening settings (limits, timeouts, production switches), merged into the configuration by
 * src/config.ts. Every default is documented in README.md "Limits and settings".
 */

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(["true", "false"])
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true");

export const hardeningEnv = {
  /** Largest computed query cost accepted (see src/limits/cost.ts). */
  MAX_COST: int(1, 10_000_000, 50_000),
  /** Deepest field nesting accepted. */
  MAX_DEPTH: int(1, 100, 15),
  /** Most aliases in one document. */
  MAX_ALIASES: int(0, 1_000, 15),
  /** Most lexical tokens in one document. */
  MAX_TOKENS: int(10, 100_000, 2_000),
  /** Most directives in one document. */
  MAX_DIRECTIVES: int(0, 1_000, 50),
  /** Cost each API key (or each IP when anonymous) may spend per RATE_LIMIT_WINDOW_S; 0 disables. */
  RATE_LIMIT_COST: int(0, 1_000_000_000, 500_000),
  /** The window over which RATE_LIMIT_COST refills (a token bucket, refilled continuously). */
  RATE_LIMIT_WINDOW_S: int(1, 86_400, 60),
  /** A GraphQL request's deadline; its statements are cancelled when it passes. */
  REQUEST_TIMEOUT_MS: int(100, 600_000, 10_000),
  /** PostgreSQL statement_timeout for the pool. */
  STATEMENT_TIMEOUT_MS: int(100, 600_000, 8_000),
  /** PostgreSQL lock_timeout for the pool. */
  LOCK_TIMEOUT_MS: int(100, 600_000, 2_000),
  /** How long opening a PostgreSQL connection may take before the request fails with SERVICE_UNAVAILABLE. */
  DB_CONNECT_TIMEOUT_S: int(1, 60, 3),
  /** PostgreSQL pool size. */
  DB_POOL_MAX: int(2, 200, 10),
  /** Index fields (riskScores, blastRadius, concentration, concentrationSeries, risk) resolving at once. */
  INDEX_CONCURRENCY: int(1, 100, 3),
  /** Index results kept in memory per instance, keyed by (index, arguments, data version); 0 = off. */
  INDEX_CACHE_SIZE: int(0, 10_000, 64),
  /** How long a drain on SIGTERM/SIGINT waits for in-flight requests before closing their sockets. */
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000, 10_000),
  /** Introspection and "Did you mean" suggestions (GraphiQL needs introspection). */
  INTROSPECTION: flag(true),
  /** GET /metrics: on, or off (404). */
  METRICS: z.enum(["on", "off"]).default("on"),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Express "trust proxy" behind a load balancer: "true", a hop count, or addresses; decides the client IP. */
  TRUST_PROXY: z.string().min(1).optional(),
  /** max-age (seconds) of the Cache-Control hint on anonymous GET reads; 0 = no-store. */
  CACHE_MAX_AGE_S: int(0, 86_400, 60),
};

const schema = z.object(hardeningEnv);
export type HardeningSettings = z.infer<typeof schema>;

/** The defaults, for tests and tools that build an app without reading the environment. */
export const defaultHardening: HardeningSettings = schema.parse({});
