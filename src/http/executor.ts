import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getVariableValues,
  type OperationDefinitionNode,
} from "graphql";
import { type CompiledQuery, compileQuery, isCompiledQuery } from "graphql-jit";

/**
 * Query execution for Apollo: graphql-js `execute`, except that a query document seen a second time
 * runs through its graphql-jit compilation (cached per parsed document and operation name; Apollo's
 * document store hands back the same parsed document for the same query text). The compiled
 * function resolves the same resolvers with the same arguments, but walks the result without
 * graphql-js's per-field bookkeeping: on the nested lists it costs a fraction of `execute`.
 *
 * Falls back to graphql-js (same answer, same errors) for mutations, introspection at the root
 * (`__schema`, `__type`), variables that do not coerce (so their error messages are graphql-js's),
 * a document's first run, and anything graphql-jit cannot compile.
 *
 * Plugged in through Apollo's gateway interface, its one hook for a custom executor: `load` hands
 * Apollo the schema (validation, plugins and the document store work as without it) and the executor.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const executor = jitExecutor(schema, { interpretedRuns: 1 });
  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => {};
    },
    async stop() {},
  };
}

/** A document's state per operation name: runs so far (not compiled yet), compiled, or not compilable. */
type Entry = number | CompiledQuery | null;

/**
 * The executor. `interpretedRuns`: how many times a document runs through graphql-js before it is
 * compiled (compiling costs more than one interpreted run; a document asked once never pays it).
 */
export function jitExecutor(schema: GraphQLSchema, options: { interpretedRuns: number }): GatewayExecutor {
  const compiled = new WeakMap<DocumentNode, Map<string, Entry>>();
  const run = (
    document: DocumentNode,
    operationName: string | undefined,
    context: unknown,
    variables: Record<string, unknown> | undefined,
  ) =>
    execute({ schema, document, contextValue: context, variableValues: variables, operationName }) as
      | ExecutionResult
      | Promise<ExecutionResult>;
  return async (rc) => {
    const { document, operation, context } = rc;
    const operationName = rc.request.operationName ?? undefined; // as requested (rc.operationName: as resolved)
    const variables = rc.request.variables;
    if (!jittable(operation)) return run(document, operationName, context, variables);
    let byName = compiled.get(document);
    if (!byName) {
      byName = new Map();
      compiled.set(document, byName);
    }
    const key = operationName ?? "";
    const known = byName.get(key);
    let entry = known === undefined ? 0 : known;
    if (typeof entry === "number" && entry < options.interpretedRuns) {
      byName.set(key, entry + 1);
      return run(document, operationName, context, variables);
    }
    if (typeof entry === "number") {
      const result = compileQuery(schema, document, operationName);
      entry = isCompiledQuery(result) ? result : null;
      byName.set(key, entry);
    }
    if (entry === null || !coerces(schema, operation, variables)) {
      return run(document, operationName, context, variables);
    }
    return withGraphqlErrors(await entry.query(undefined, context, variables ?? {}));
  };
}

/**
 * graphql-jit reports errors as its own GraphQLError subclass, whose fields Apollo does not read as
 * graphql-js's (the masked error lost its locations and path): rebuild each as graphql-js's, with
 * the same message, locations, path, extensions and original error (hence stack) as graphql-js gives.
 */
function withGraphqlErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    // Its class extends graphql-js's (instanceof holds) but lays out its fields differently.
    if (Object.getPrototypeOf(e) === GraphQLError.prototype) return e;
    const error = new GraphQLError(e.message, {
      path: e.path,
      originalError: e.originalError ?? undefined,
      extensions: e.extensions,
    });
    if (e.locations?.length) Object.assign(error, { locations: e.locations });
    return error;
  });
  return { ...result, errors };
}

/**
 * Queries whose root selections are plain fields (no fragments), none of them introspection. No
 * operation (an unknown operationName): graphql-js reports it.
 */
function jittable(operation: OperationDefinitionNode | undefined): operation is OperationDefinitionNode {
  if (operation?.operation !== "query") return false;
  return operation.selectionSet.selections.every((s) => s.kind === "Field" && !s.name.value.startsWith("__"));
}

/** Whether the variables coerce to the operation's variable types (graphql-js reports it otherwise). */
function coerces(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): boolean {
  const definitions = operation.variableDefinitions ?? [];
  if (definitions.length === 0) return true;
  return !("errors" in getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 }));
}
