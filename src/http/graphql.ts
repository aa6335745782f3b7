import type { Server } from "node:http";
import { ApolloServer } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import type { GraphQLSchema } from "graphql";
import type { RequestContext } from "../api/context.ts";
import type { Logger } from "../logger.ts";
import { formatErrorFor } from "./errors.ts";

/** How long in-flight requests may run after stop() before their sockets are closed. */
export const DRAIN_GRACE_MS = 10_000;

/**
 * The Apollo server for /graphql. CSRF prevention stays on (GET and simple POSTs need
 * `Content-Type: application/json` or an `Apollo-Require-Preflight` header), introspection is on
 * (GraphiQL needs it), Apollo's own landing page is off (GET /graphiql serves ours), and stopping
 * drains the HTTP server; Apollo's cache-control plugin is off (per-field overhead, no hints used). Termination signals are handled by src/main.ts, not Apollo.
 */
export function createApolloServer(options: {
  schema: GraphQLSchema;
  httpServer: Server;
  exposeInternals: boolean;
  logger: Logger;
}): ApolloServer<RequestContext> {
  return new ApolloServer<RequestContext>({
    schema: options.schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: options.exposeInternals,
    formatError: formatErrorFor(options),
    stopOnTerminationSignals: false,
    logger: options.logger,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the default cache-control plugin would wrap every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer: options.httpServer,
        stopGracePeriodMillis: DRAIN_GRACE_MS,
      }),
    ],
  });
}
