import {
  type ExecutionResult,
  execute as executeGraphql,
  type GraphQLSchema,
  parse,
  validate,
} from "graphql";
import type { Database } from "../../src/db/client.ts";
import { createGraphqlSchema, createRequestContext } from "../../src/graphql/index.ts";

/**
 * Helpers for executing GraphQL against a real test database (no HTTP). Each call gets a fresh
 * request context, like a real request.
 */

let schema: GraphQLSchema | undefined;
export const graphqlSchema = () => {
  schema ??= createGraphqlSchema();
  return schema;
};

export type Variables = Record<string, unknown>;

/** Executes one operation; returns the raw result (data + errors). Validation errors are returned too. */
export async function execute(
  db: Database,
  query: string,
  variables: Variables = {},
): Promise<ExecutionResult> {
  const document = parse(query);
  const errors = validate(graphqlSchema(), document);
  if (errors.length) return { errors };
  return executeGraphql({
    schema: graphqlSchema(),
    document,
    variableValues: variables,
    contextValue: createRequestContext(db),
  });
}

/** Executes and returns `data`, failing the test with the errors if there are any. */
// biome-ignore lint/suspicious/noExplicitAny: query results are untyped JSON in tests
export async function query<T = Record<string, any>>(
  db: Database,
  text: string,
  variables: Variables = {},
): Promise<T> {
  const result = await execute(db, text, variables);
  if (result.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors.map((e) => [e.message, e.extensions]))}`);
  }
  return result.data as T;
}

/** The `extensions.code` (and argument) of each error of a result. */
export function errorCodes(result: ExecutionResult): { code: unknown; argument: unknown; message: string }[] {
  return (result.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    argument: e.extensions?.argument,
    message: e.message,
  }));
}

export interface ConnectionShape<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  totalCount?: number;
}

export interface Walk<Node> {
  /** All nodes in list order (for backward walks too, re-assembled in forward order). */
  nodes: Node[];
  /** totalCount reported by the first page (select it in the query). */
  totalCount: number | undefined;
  pages: number;
}

/**
 * Walks every page of a connection. The query must declare `$first: Int, $after: String, $last: Int,
 * $before: String` and pass them to the connection; `at` picks the connection out of `data`.
 * Forward: first/after until hasNextPage is false; backward: last/before until hasPreviousPage is
 * false. Checks the pageInfo cursors match the edges on every page.
 */
export async function walkConnection<Node>(
  db: Database,
  text: string,
  options: {
    // biome-ignore lint/suspicious/noExplicitAny: query results are untyped JSON in tests
    at: (data: any) => ConnectionShape<Node>;
    variables?: Variables;
    direction?: "forward" | "backward";
    pageSize?: number;
    maxPages?: number;
  },
): Promise<Walk<Node>> {
  const backward = options.direction === "backward";
  const size = options.pageSize ?? 7;
  const pagesOfNodes: Node[][] = [];
  let cursor: string | null = null;
  let totalCount: number | undefined;
  for (let page = 0; page < (options.maxPages ?? 1000); page++) {
    const vars: Variables = backward ? { last: size, before: cursor } : { first: size, after: cursor };
    const conn = options.at(await query(db, text, { ...options.variables, ...vars }));
    if (page === 0) totalCount = conn.totalCount;
    if (conn.pageInfo.startCursor !== (conn.edges[0]?.cursor ?? null))
      throw new Error("startCursor mismatch");
    if (conn.pageInfo.endCursor !== (conn.edges.at(-1)?.cursor ?? null))
      throw new Error("endCursor mismatch");
    if (conn.edges.length > size) throw new Error(`page of ${conn.edges.length} > ${size}`);
    pagesOfNodes.push(conn.edges.map((e) => e.node));
    const more = backward ? conn.pageInfo.hasPreviousPage : conn.pageInfo.hasNextPage;
    if (!more)
      return {
        nodes: (backward ? pagesOfNodes.reverse() : pagesOfNodes).flat(),
        totalCount,
        pages: page + 1,
      };
    cursor = backward ? conn.pageInfo.startCursor : conn.pageInfo.endCursor;
  }
  throw new Error("walkConnection: too many pages");
}
