import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import {
  CountryCodeResolver,
  DateResolver,
  DateTimeResolver,
  NonNegativeFloatResolver,
  NonNegativeIntResolver,
  URLResolver,
} from "graphql-scalars";
import { chipNodeTypes, chipResolvers } from "../chips/resolvers.ts";
import { disclosureNodeTypes, disclosureResolvers } from "../disclosures/resolvers.ts";
import { facilityNodeTypes, facilityResolvers } from "../facilities/resolvers.ts";
import { indexResolvers } from "../indices/resolvers.ts";
import { marketNodeTypes, marketResolvers } from "../market/resolvers.ts";
import { modelNodeTypes, modelResolvers } from "../models/resolvers.ts";
import { outageNodeTypes, outageResolvers } from "../outages/resolvers.ts";
import { regulationNodeTypes, regulationResolvers } from "../regulation/resolvers.ts";
import { sourceNodeTypes, sourceResolvers } from "../sources/resolvers.ts";
import { vendorNodeTypes, vendorResolvers } from "../vendors/resolvers.ts";
import type { Resolvers } from "./generated/resolvers-types.ts";
import { fetchNode, type NodeFetcher, nodeQueries, resolveTaggedType } from "./node.ts";

/*
 * HOW TO ADD A DOMAIN (e.g. outages), following vendors/chips/facilities/sources:
 * 1. SDL: schema/graphql/<domain>.graphql — types implementing Node (and Fact for curated facts),
 *    a filter input, an `XOrderField` enum + `XOrder` input, `XConnection`/`XEdge`, and
 *    `extend type Query { xs(filter, orderBy, first, after, last, before): XConnection!  x(id:, slug:): X }`.
 *    Every type, field, argument, input field and enum value needs a description (a test checks).
 * 2. src/<domain>/queries.ts — ALL the SQL: `xWhere(filter)`, `xSortColumns`, `getXs(db, params)`
 *    via pageOf(), `getXsByIds`, and `pagesByParent()` for nested lists (src/db/pagination.ts).
 * 3. src/<domain>/loaders.ts — `createXLoaders(db)` with rowLoader/groupLoader/pageLoader
 *    (src/graphql/loaders.ts); register it in src/graphql/context.ts.
 * 4. src/<domain>/resolvers.ts — thin, typed `Resolvers`: `listing()` + `toConnection()` for lists,
 *    `lookupOne()` for single lookups, `globalIdField()`, `sourcesField()`; export `xNodeTypes`.
 * 5. Add the row/connection/edge mappers to src/graphql/mappers.ts and codegen.ts, run
 *    `npm run codegen`, and list the resolvers and node types below.
 * 6. Tests: test/<domain>/ using test/support/graphql.ts (`walkConnection`, `execute`).
 */

export type { RequestContext } from "./context.ts";
export { createRequestContext } from "./context.ts";

const sdlDir = join(fileURLToPath(new URL(".", import.meta.url)), "../../schema/graphql");

/** Every .graphql file of schema/graphql, base first. */
export function loadTypeDefs(): string[] {
  const files = readdirSync(sdlDir)
    .filter((f) => f.endsWith(".graphql"))
    .sort((a, b) => (a === "base.graphql" ? -1 : b === "base.graphql" ? 1 : a.localeCompare(b)));
  return files.map((f) => readFileSync(join(sdlDir, f), "utf8"));
}

const nodeTypes: Record<string, NodeFetcher> = {
  ...vendorNodeTypes,
  ...chipNodeTypes,
  ...facilityNodeTypes,
  ...sourceNodeTypes,
  ...outageNodeTypes,
  ...regulationNodeTypes,
  ...disclosureNodeTypes,
  ...marketNodeTypes,
  ...modelNodeTypes,
};

const baseResolvers: Resolvers = {
  Date: DateResolver,
  DateTime: DateTimeResolver,
  URL: URLResolver,
  CountryCode: CountryCodeResolver,
  NonNegativeFloat: NonNegativeFloatResolver,
  NonNegativeInt: NonNegativeIntResolver,
  Query: nodeQueries(nodeTypes) as unknown as Resolvers["Query"],
  Node: { __resolveType: resolveTaggedType as never },
  Fact: { __resolveType: resolveTaggedType as never },
  RiskEvidence: { node: (evidence, _, ctx) => fetchNode(nodeTypes, ctx, evidence.id, "id") as never },
};

const domainResolvers: Resolvers[] = [
  vendorResolvers,
  chipResolvers,
  facilityResolvers,
  sourceResolvers,
  indexResolvers,
  outageResolvers,
  regulationResolvers,
  disclosureResolvers,
  marketResolvers,
  modelResolvers,
];

/** The executable schema: SDL from schema/graphql with the resolvers attached. */
export function createGraphqlSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [baseResolvers, ...domainResolvers] as never,
  });
}
