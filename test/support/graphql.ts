/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */

import {
  type ExecutionResult,
  execute as executeGraphql,
  type GraphQLSchema,
  getOperationAST,
  parse,
  validate,
} from "graphql";
import { expect, it } from "vitest";
import { createRequestContext } from "../../src/api/context.ts";
import { createGraphqlSchema } from "../../src/api/schema.ts";
import type { Database, DatabaseHandle } from "../../src/db/client.ts";
import { jitExecutor } from "../../src/http/executor.ts";

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

/**
 * Which executor runs a query: graphql-js, the compiled one the server uses for a repeated query
 * (src/http/executor.ts, compiled at once here), or "both" (the default): graphql-js's result is
 * returned after checking that the compiled executor gives the same data and errors.
 */
export type ExecutorChoice = "graphql-js" | "jit" | "both";

let jit: ReturnType<typeof jitExecutor> | undefined;

function runJit(db: Database, document: ReturnType<typeof parse>, variables: Variables) {
  jit ??= jitExecutor(graphqlSchema(), { interpretedRuns: 0 });
  const operation = getOperationAST(document);
  if (!operation) throw new Error("no single operation in the document");
  return jit({
    document,
    operation,
    operationName: operation.name?.value ?? null,
    context: createRequestContext(db),
    request: { variables, operationName: operation.name?.value },
  } as never) as Promise<ExecutionResult>;
}

/** A result as a client sees it (errors as their JSON: message, locations, path, extensions). */
const asJson = (result: ExecutionResult) => JSON.parse(JSON.stringify(result));

/** Executes one operation; returns the raw result (data + errors). Validation errors are returned too. */
export async function execute(
  db: Database,
  query: string,
  variables: Variables = {},
  executor: ExecutorChoice = "both",
): Promise<ExecutionResult> {
  const document = parse(query);
  const errors = validate(graphqlSchema(), document);
  if (errors.length) return { errors };
  if (executor === "jit") return runJit(db, document, variables);
  const context = createRequestContext(db);
  const result = await executeGraphql({
    schema: graphqlSchema(),
    document,
    variableValues: variables,
    contextValue: context,
  });
  if (executor === "both" && getOperationAST(document)?.operation === "query") {
    expect(asJson(await runJit(db, document, variables)), "the compiled executor's answer").toEqual(
      asJson(result),
    );
  }
  if (executor === "both" && context.lookAhead.plans > 0) {
    expect(asJson(await loaderPath(db, document, variables)), "the loader path's answer").toEqual(
      asJson(result),
    );
  }
  return result;
}

/**
 * The same query with the look-ahead planner off (src/graphql/plan): every connection and relation
 * through its loaders. A query the planner built in one statement must answer exactly the same.
 */
export function loaderPath(db: Database, document: ReturnType<typeof parse>, variables: Variables = {}) {
  return executeGraphql({
    schema: graphqlSchema(),
    document,
    variableValues: variables,
    contextValue: createRequestContext(db, undefined, undefined, false),
  }) as Promise<ExecutionResult>;
}

/** Executes and returns `data`, failing the test with the errors if there are any. */
export async function query<T = Record<string, any>>(
  db: Database,
  text: string,
  variables: Variables = {},
  executor: ExecutorChoice = "both",
): Promise<T> {
  const result = await execute(db, text, variables, executor);
  if (result.errors?.length) {
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors.map((e) => [e.message, e.extensions]))}`);
  }
  return result.data as T;
}

/**
 * The statements one query sends (postgres.js's per-connection array-type lookup left out: driver
 * housekeeping), run by graphql-js and again by the compiled executor, which must give the same data
 * with the same statements (its batching must match; their order may differ); returns graphql-js's run.
 */
export async function countStatements(h: DatabaseHandle, text: string, variables: Variables = {}) {
  const run = async (executor: "graphql-js" | "jit") => {
    const seen: string[] = [];
    const stop = h.onStatement((s) => {
      if (!s.includes("pg_catalog.pg_type")) seen.push(s);
    });
    try {
      return { data: await query(h.db, text, variables, executor), statements: seen };
    } finally {
      stop();
    }
  };
  const interpreted = await run("graphql-js");
  const compiled = await run("jit");
  expect(compiled.data, "the compiled executor's data").toEqual(interpreted.data);
  // The same statements; their order may differ (sibling batches are sent as their parents settle).
  expect([...compiled.statements].sort(), "the compiled executor's statements").toEqual(
    [...interpreted.statements].sort(),
  );
  return interpreted;
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

/** Sorts like the API: NULL keys last in both directions, ties by id in the key's direction. */
export function sortLikeApi<T extends { id: number }>(
  rows: readonly T[],
  key: (row: T) => string | number | Date | null,
  direction: "ASC" | "DESC",
): T[] {
  const sign = direction === "ASC" ? 1 : -1;
  const value = (row: T) => {
    const v = key(row);
    return v instanceof Date ? v.toISOString() : v;
  };
  return [...rows].sort((a, b) => {
    const ka = value(a);
    const kb = value(b);
    if (ka === null || kb === null) return ka === kb ? sign * (a.id - b.id) : ka === null ? 1 : -1;
    if (ka !== kb) return sign * (ka < kb ? -1 : 1);
    return sign * (a.id - b.id);
  });
}

/** Selection for `walkConnection`: totalCount, edges with the node's unique field aliased `key`, pageInfo. */
export const pageSelection = (keyField: string) =>
  `totalCount edges { cursor node { key: ${keyField} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

/** Variable declarations and arguments for a paged, ordered connection. */
export const pageVariables = "$first: Int, $after: String, $last: Int, $before: String";
export const pageArguments = "first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy";

/**
 * One test per order field and direction: walking the connection forward and backward yields exactly
 * the expected rows (sorted like the API), totalCount of them, each once. A new domain's list is
 * covered with one call, e.g.
 *   itWalksEveryOrdering(() => h.db, {
 *     name: "outages",
 *     query: `query(${pageVariables}, $orderBy: OutageOrder) { list: outages(${pageArguments}) { ${pageSelection("slug")} } }`,
 *     at: (d) => d.list, rows: () => inserted, keyOf: "slug",
 *     orderFields: { STARTED_AT: "startedAt", SEVERITY: "severity" },
 *   });
 */
export function itWalksEveryOrdering<R extends { id: number }>(
  db: () => Database,
  c: {
    name: string;
    query: string;
    at: (data: any) => ConnectionShape<{ key: unknown }>;
    /** The rows the list should return (the test inserted them). */
    rows: () => R[];
    /** The value of the node field aliased `key` for a row: a row property or a function. */
    keyOf: (keyof R & string) | ((row: R) => unknown);
    /** Each GraphQL order field and the row property it sorts by (string, number, Date or null). */
    orderFields: Record<string, keyof R & string>;
    variables?: () => Variables;
  },
) {
  for (const [field, property] of Object.entries(c.orderFields)) {
    const sortKey = (row: R) => row[property] as string | number | Date | null;
    for (const direction of ["ASC", "DESC"] as const) {
      it(`${c.name} by ${field} ${direction}: forward and backward give exactly totalCount rows in order`, async () => {
        const rows = c.rows();
        const keyOf = c.keyOf;
        const expected = sortLikeApi(rows, sortKey, direction).map((r) =>
          typeof keyOf === "function" ? keyOf(r) : r[keyOf],
        );
        expect(expected.length).toBeGreaterThan(3);
        const variables = { ...c.variables?.(), orderBy: { field, direction } };
        const forward = await walkConnection(db(), c.query, { at: c.at, variables, pageSize: 7 });
        const backward = await walkConnection(db(), c.query, {
          at: c.at,
          variables,
          pageSize: 5,
          direction: "backward",
        });
        expect(forward.totalCount).toBe(rows.length);
        expect(backward.totalCount).toBe(rows.length);
        expect(forward.nodes.map((n) => n.key)).toEqual(expected);
        expect(backward.nodes.map((n) => n.key)).toEqual(expected);
        expect(new Set(forward.nodes.map((n) => n.key)).size).toBe(rows.length);
        expect(forward.pages).toBe(Math.max(1, Math.ceil(rows.length / 7)));
      });
    }
  }
}
