import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { type GraphQLSchema, isObjectType } from "graphql";
import {
  CountryCodeResolver,
  DateResolver,
  DateTimeResolver,
  NonNegativeFloatResolver,
  NonNegativeIntResolver,
  URLResolver,
} from "graphql-scalars";
import { fetchNode, nodeQueries, resolveTaggedType } from "../graphql/node.ts";
import type { RequestContext } from "./context.ts";
import type { Resolvers } from "./generated/resolvers-types.ts";
import type { NodeFetcher } from "./module.ts";
import { modules } from "./modules.ts";

const sdlDir = join(fileURLToPath(new URL(".", import.meta.url)), "../../schema/graphql");

/** Every .graphql file of schema/graphql, base first. */
export function loadTypeDefs(): string[] {
  const files = readdirSync(sdlDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort((a, b) => (a === "base.graphql" ? -1 : b === "base.graphql" ? 1 : a.localeCompare(b)));
  return files.map((f) => readFileSync(join(sdlDir, f), "utf8"));
}

/** Every module's Node types, by GraphQL type name (a type claimed twice is a programming error). */
function collectNodeTypes(): Record<string, NodeFetcher> {
  const all: Record<string, NodeFetcher> = {};
  for (const module of modules) {
    for (const [type, fetch] of Object.entries(module.nodeTypes ?? {})) {
      if (all[type]) throw new Error(`Node type ${type} is registered twice (module ${module.name})`);
      all[type] = fetch;
    }
  }
  return all;
}

/** What belongs to no single domain: scalars, `node`/`nodes`, the interfaces over every domain. */
function baseResolvers(nodeTypes: Record<string, NodeFetcher>): Resolvers {
  return {
    Date: DateResolver,
    DateTime: DateTimeResolver,
    URL: URLResolver,
    CountryCode: CountryCodeResolver,
    NonNegativeFloat: NonNegativeFloatResolver,
    NonNegativeInt: NonNegativeIntResolver,
    Query: nodeQueries<RequestContext>(nodeTypes) as unknown as Resolvers["Query"],
    Node: { __resolveType: resolveTaggedType as never },
    Fact: { __resolveType: resolveTaggedType as never },
    RiskEvidence: { node: (evidence, _, ctx) => fetchNode(nodeTypes, ctx, evidence.id, "id") as never },
  };
}

/**
 * `totalCount` of a connection: the model's lazy count (ConnectionModel.totalCount, a function run
 * only when selected) or a plain number. An explicit resolver, because the compiled executor
 * (src/http/executor.ts) reads a field without one as a plain value and would neither call a
 * function nor wait for a promise.
 */
function connectionTotalCounts(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith("Connection")) continue;
    const field = type.getFields().totalCount;
    if (!field || field.resolve) continue;
    field.resolve = (connection: { totalCount: number | (() => Promise<number>) }) =>
      typeof connection.totalCount === "function" ? connection.totalCount() : connection.totalCount;
  }
  return schema;
}

/** The executable schema: SDL from schema/graphql with every module's resolvers attached. */
export function createGraphqlSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [
      baseResolvers(collectNodeTypes()),
      ...modules.flatMap((m) => [m.resolvers, m.mutations ?? {}]),
    ] as never,
  });
  return connectionTotalCounts(schema);
}
