import { makeExecutableSchema } from "@graphql-tools/schema";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { type Logger, pino } from "pino";
import type { Config } from "../../src/config.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { createApp } from "../../src/http/app.ts";
import type { HardeningSettings } from "../../src/limits/settings.ts";

/** A server on a free port of 127.0.0.1 (port 0), and how to stop it. */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(
  handle: DatabaseHandle,
  options: {
    nodeEnv?: Config["NODE_ENV"];
    corsOrigins?: string[];
    schema?: GraphQLSchema;
    anonymousRead?: boolean;
    settings?: Partial<HardeningSettings>;
    logger?: Logger;
  } = {},
): Promise<RunningServer> {
  const server = await createApp({
    handle,
    config: {
      NODE_ENV: options.nodeEnv ?? "production",
      CORS_ORIGINS: options.corsOrigins ?? [],
      ANONYMOUS_READ: options.anonymousRead ?? true,
      ...options.settings,
    },
    logger: options.logger ?? pino({ level: "silent" }),
    ...(options.schema ? { schema: options.schema } : {}),
  });
  const { port } = await server.start({ port: 0, host: "127.0.0.1" });
  return { url: `http://127.0.0.1:${port}`, stop: () => server.stop() };
}

/** Text an unexpected error carries that must never reach a client outside development. */
export const SECRET = "password=hunter2 in select * from api_keys";

/**
 * A schema exercising what the real one may not (yet) have: a mutation (405 over GET), a resolver
 * failing unexpectedly, and one failing on purpose with a code.
 */
export function probeSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: `
      type Query { ok: String, unexpected: String, notFound: String }
      type Mutation { touch: String }
    `,
    resolvers: {
      Query: {
        ok: () => "ok",
        unexpected: () => {
          throw new Error(SECRET);
        },
        notFound: () => {
          throw new GraphQLError("No vendor with slug 'nope'", { extensions: { code: "NOT_FOUND" } });
        },
      },
      Mutation: { touch: () => "touched" },
    },
  });
}

/** POST a GraphQL request as JSON. */
export function postGraphql(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** GET /graphql with the query in the URL. */
export function getGraphql(
  url: string,
  query: string,
  headers: Record<string, string> = { "apollo-require-preflight": "true" },
): Promise<Response> {
  return fetch(`${url}/graphql?${new URLSearchParams({ query })}`, { headers });
}
