import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import type { GraphQLSchema } from "graphql";
import { createRequestContext } from "../api/context.ts";
import { createGraphqlSchema } from "../api/schema.ts";
import { authenticate } from "../auth/authenticate.ts";
import type { Config } from "../config.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { digestRoutes } from "../digests/feed.ts";
import type { HardeningSettings } from "../limits/settings.ts";
import type { Logger } from "../logger.ts";
import { requestDrainMs } from "../shutdown.ts";
import { corsFor } from "./cors.ts";
import { httpDrain } from "./drain.ts";
import { contextFault } from "./errors.ts";
import { graphiqlRoutes } from "./graphiql/routes.ts";
import { createApolloServer } from "./graphql.ts";
import { hardening } from "./hardening.ts";
import { healthCheck } from "./health.ts";
import { requestLog } from "./request-log.ts";
import { bindRequest, requestState, stateOfResponse } from "./request-state.ts";

export const GRAPHQL_PATH = "/graphql";
/** Largest accepted JSON request body. */
export const MAX_BODY = "1mb";
/** SHUTDOWN_TIMEOUT_MS when the config has none (tests). */
const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

export interface AppOptions {
  handle: DatabaseHandle;
  /** ANONYMOUS_READ defaults to true (requests without a key may read). */
  config: Pick<Config, "NODE_ENV" | "CORS_ORIGINS"> &
    Partial<Pick<Config, "ANONYMOUS_READ">> &
    Partial<HardeningSettings>;
  logger: Logger;
  /** Base URL subscribers reach (links in digest feeds); defaults to http://localhost:4000. */
  publicUrl?: string;
  /** The executable schema; defaults to createGraphqlSchema(). Tests pass their own. */
  schema?: GraphQLSchema;
}

export interface HyperscopeHttp {
  app: Express;
  httpServer: Server;
  /** Listens on `port` (0 = any free port) and `host`; resolves with the bound port and base URL. */
  start(options: { port: number; host?: string }): Promise<{ port: number; url: string }>;
  /**
   * Stops accepting connections, closes idle ones, lets in-flight requests finish (their connections
   * close after the answer) for requestDrainMs(SHUTDOWN_TIMEOUT_MS), then closes what is still open;
   * stops Apollo. Does not close the database.
   */
  stop(): Promise<void>;
}

/**
 * The HTTP server: POST/GET /graphql (Apollo), GET /healthz, GET /graphiql with its local assets.
 * Resolves once Apollo has started; nothing listens until start().
 */
export async function createApp(options: AppOptions): Promise<HyperscopeHttp> {
  const { handle, config, logger } = options;
  const harden = hardening({ schema: options.schema ?? createGraphqlSchema(), config, logger, handle });
  const schema = harden.schema;
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createServer(app);
  if (config.TRUST_PROXY) app.set("trust proxy", trustProxy(config.TRUST_PROXY));
  const apollo = createApolloServer({
    schema,
    exposeInternals: config.NODE_ENV === "development",
    logger,
    ...harden.apollo,
  });
  await apollo.start();
  const drain = httpDrain(httpServer);

  app.use(drain.middleware, requestState(), requestLog(logger));
  app.get("/healthz", healthCheck(handle, logger));
  app.get("/metrics", harden.metrics);
  app.use(
    GRAPHQL_PATH,
    corsFor(config.CORS_ORIGINS),
    express.json({ limit: MAX_BODY }),
    bodyPresent,
    harden.deadline,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer = await authenticate(handle.db, req.headers.authorization, {
          anonymousRead: config.ANONYMOUS_READ ?? true,
        }).catch((error) => {
          throw contextFault(error);
        });
        const run = harden.indexRun(handle.db, stateOfResponse(res)?.abort.signal);
        return bindRequest(createRequestContext(handle.db, viewer, run), res);
      },
    }),
  );
  app.use(graphiqlRoutes({ schema, endpoint: GRAPHQL_PATH, logger }));
  app.use(digestRoutes(handle.db, options.publicUrl ?? "http://localhost:4000", logger));
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] });
  });
  app.use(errorResponse(logger));

  return {
    app,
    httpServer,
    start: ({ port, host }) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          httpServer.off("error", reject);
          const bound = (httpServer.address() as AddressInfo).port;
          resolve({ port: bound, url: `http://${urlHost(host)}:${bound}` });
        });
      }),
    stop: async () => {
      await drain.stop(requestDrainMs(config.SHUTDOWN_TIMEOUT_MS ?? DEFAULT_SHUTDOWN_TIMEOUT_MS));
      await apollo.stop();
    },
  };
}

/**
 * A body that express.json() did not parse (another content type) reaches Apollo as "no body", so
 * Apollo answers it — CSRF refusal, 400, 415 — instead of the integration's 500.
 */
const bodyPresent: RequestHandler = (req, _res, next) => {
  if (!("body" in req)) (req as { body?: unknown }).body = undefined;
  next();
};

/** Errors outside GraphQL (malformed JSON, body too large, ...) as a GraphQL-shaped JSON error. */
function errorResponse(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === "number" && error.status >= 400 ? error.status : 500;
    if (status >= 500) logger.error({ err: error }, "unhandled HTTP error");
    const message = status >= 500 ? "Internal server error" : String(error?.message ?? "Bad request");
    const code = status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST";
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

/** TRUST_PROXY as Express reads it: "true", a hop count, or a list of addresses/subnets. */
function trustProxy(value: string): boolean | number | string {
  if (value === "true") return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function urlHost(host: string | undefined): string {
  if (!host || host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
