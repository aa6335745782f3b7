import { buildSchema, type GraphQLSchema } from "graphql";
import type { Database } from "../db/client.ts";

// INTERFACE STUB (owned by the GraphQL-schema work): the HTTP layer depends only on these two exports.

/** Everything a resolver may use during one request; built fresh per request (DataLoaders live here). */
export interface RequestContext {
  db: Database;
}

/** The executable schema: SDL from schema/graphql with the resolvers attached. */
export function createGraphqlSchema(): GraphQLSchema {
  return buildSchema(`"""Hyperscope"""\ntype Query { """Liveness""" ping: String }`);
}

/** A new context for one request. */
export function createRequestContext(db: Database): RequestContext {
  return { db };
}
