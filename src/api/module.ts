import type { Database } from "../db/client.ts";
import type { NodeFetcher as GenericNodeFetcher } from "../graphql/node.ts";
import type { RequestContext } from "./context.ts";
import type { Resolvers } from "./generated/resolvers-types.ts";

/**
 * One domain's contribution to the API, in the way GraphQL Hive's `createModule` modules are
 * collected: its resolvers, the Node types it can fetch by global id, and its per-request loaders.
 * Its SDL is schema/graphql/<domain>.graphql and its mapped types src/<domain>/mappers.ts (listed
 * in codegen.ts). Every module is listed once, in src/api/modules.ts; nothing else registers it.
 */
export interface DomainModule<Loaders extends object = object> {
  /** The domain's folder under src/, e.g. "facilities". */
  name: string;
  /** Resolver maps merged into the executable schema. */
  resolvers: Resolvers;
  /** The domain's write resolvers (Mutation fields), when it has any. */
  mutations?: Resolvers;
  /** GraphQL type name → fetch by database id, for `node`/`nodes` and risk evidence. */
  nodeTypes?: Record<string, NodeFetcher>;
  /** Builds the domain's DataLoaders for one request; they become `ctx.loaders.*`. */
  createLoaders?: (db: Database) => Loaders;
}

/** A Node fetcher over the full request context. */
export type NodeFetcher = GenericNodeFetcher<RequestContext>;

/** Declares a domain module, keeping the exact type of its loaders (so `ctx.loaders` is typed). */
export function defineModule<Loaders extends object = Record<never, never>>(
  module: DomainModule<Loaders>,
): DomainModule<Loaders> {
  return module;
}
