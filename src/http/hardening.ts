import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import type { GraphQLSchema, ValidationRule } from "graphql";
import type { Database, DatabaseHandle } from "../db/client.ts";
import { IndexCache, type IndexRun } from "../indices/cache.ts";
import { armorLimits } from "../limits/armor.ts";
import {
  CACHED_INDEX_FIELDS,
  gateOf,
  limitIndexConcurrency,
  Semaphore,
} from "../limits/index-concurrency.ts";
import { limitsPlugin } from "../limits/plugin.ts";
import { CostRateLimiter } from "../limits/rate-limit.ts";
import { defaultHardening, type HardeningSettings } from "../limits/settings.ts";
import { textInputPlugin } from "../limits/text-input.ts";
import type { Logger } from "../logger.ts";
import { cacheHintPlugins } from "./cache-hints.ts";
import { requestDeadline } from "./deadline.ts";
import { errorPlugin } from "./error-plugin.ts";
import { indexCacheLookups, metricsRoute, registerPoolMetrics } from "./metrics.ts";

/**
 * The hardening units composed for one app: limits before execution (graphql-armor + cost + rate
 * limit), index-field concurrency, error logging with request ids, cache hints, the request
 * deadline and /metrics. Settings not given take their documented defaults.
 */
export function hardening(options: {
  schema: GraphQLSchema;
  config: Partial<HardeningSettings>;
  logger: Logger;
  handle: DatabaseHandle;
}): {
  schema: GraphQLSchema;
  apollo: {
    introspection: boolean;
    parseOptions: { maxTokens: number };
    plugins: ApolloServerPlugin<object>[];
    validationRules: ValidationRule[];
  };
  deadline: RequestHandler;
  metrics: RequestHandler;
  /** The index run of one request (the shared result cache, the INDEX_CONCURRENCY gate). */
  indexRun: (db: Database, signal?: AbortSignal) => IndexRun;
  indexCache: IndexCache;
} {
  const settings: HardeningSettings = { ...defaultHardening, ...definedOnly(options.config) };
  const gate = new Semaphore(settings.INDEX_CONCURRENCY);
  const schema = limitIndexConcurrency(options.schema, gate, CACHED_INDEX_FIELDS);
  const indexCache = new IndexCache(settings.INDEX_CACHE_SIZE, (index, outcome) =>
    indexCacheLookups.inc({ index, outcome }),
  );
  const armor = armorLimits(settings);
  const rateLimiter =
    settings.RATE_LIMIT_COST > 0
      ? new CostRateLimiter(settings.RATE_LIMIT_COST, settings.RATE_LIMIT_WINDOW_S)
      : null;
  registerPoolMetrics(options.handle);
  return {
    schema,
    apollo: {
      introspection: settings.INTROSPECTION,
      parseOptions: { maxTokens: settings.MAX_TOKENS },
      validationRules: armor.validationRules,
      plugins: [
        ...armor.plugins,
        textInputPlugin(),
        limitsPlugin({ schema, maxCost: settings.MAX_COST, maxTokens: settings.MAX_TOKENS, rateLimiter }),
        errorPlugin(options.logger),
        ...cacheHintPlugins(settings.CACHE_MAX_AGE_S),
      ],
    },
    deadline: requestDeadline(settings.REQUEST_TIMEOUT_MS),
    metrics: metricsRoute(settings),
    indexRun: (db, signal) => indexCache.forRequest(db, gateOf(gate, signal)),
    indexCache,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
