import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { GraphQLSchema, ValidationRule } from "graphql";
import type { RequestContext } from "../api/context.ts";
import type { Logger } from "../logger.ts";
import { formatErrorFor } from "./errors.ts";
import { jitGateway } from "./executor.ts";

/**
 * The Apollo server for /graphql. CSRF prevention stays on (GET and simple POSTs need
 * `Content-Type: application/json` or an `Apollo-Require-Preflight` header), introspection is a
 * setting (INTROSPECTION; GraphiQL needs it), automatic persisted queries are on (Apollo's
 * default in-memory cache), Apollo's own landing page is off (GET /graphiql serves ours); the HTTP
 * server is drained by ./drain.ts, not Apollo's drain plugin (which half-closes keep-alive
 * connections and waits for clients to close their end); Apollo's field-level cache-control plugin is off (per-field
 * overhead; ./cache-hints.ts decides per request). Termination signals are handled by src/main.ts, not Apollo.
 * `plugins`/`validationRules` add the hardening units (limits, error log, cache hints).
 */
export function createApolloServer(options: {
  schema: GraphQLSchema;
  exposeInternals: boolean;
  logger: Logger;
  introspection?: boolean;
  parseOptions?: { maxTokens?: number };
  plugins?: ApolloServerPlugin<object>[];
  validationRules?: ValidationRule[];
}): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    // The schema comes through the gateway interface with the executor (./executor.ts: graphql-jit).
    gateway: jitGateway(options.schema),
    introspection: options.introspection ?? true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: options.exposeInternals,
    formatError: formatErrorFor(options),
    stopOnTerminationSignals: false,
    logger: options.logger,
    validationRules: options.validationRules ?? [],
    ...(options.parseOptions ? { parseOptions: options.parseOptions } : {}),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...((options.plugins ?? []) as ApolloServerPlugin<RequestContext>[]),
    ],
  });
}
