import type { ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { memoPerNode, variablesKey } from "../graphql/memo.ts";
import { stateOf } from "../http/request-state.ts";
import { queryCost } from "./cost.ts";
import { queryTooComplex, rateLimited } from "./errors.ts";
import type { CostRateLimiter } from "./rate-limit.ts";

interface ViewerLike {
  viewer?: { keyId: number | null };
}

/**
 * Before execution: computes the operation's cost, refuses it with QUERY_TOO_COMPLEX over
 * `maxCost`, then charges it to the caller's budget (API key, else IP), refusing with RATE_LIMITED.
 * Every response carries `extensions.cost = { requested, limit }` (requested is null when the
 * document never validated). Refusals by graphql-armor's validation rules keep their
 * QUERY_TOO_COMPLEX code (Apollo files every validation error under GRAPHQL_VALIDATION_FAILED).
 */
export function limitsPlugin(options: {
  schema: GraphQLSchema;
  maxCost: number;
  /** graphql-js's parser token limit (Apollo parseOptions.maxTokens): its parse error is relabelled. */
  maxTokens?: number;
  rateLimiter: CostRateLimiter | null;
}): ApolloServerPlugin<object> {
  const { schema, maxCost, maxTokens, rateLimiter } = options;
  const cost = memoizedCost(schema);
  return {
    async requestDidStart() {
      let requested: number | null = null;
      return {
        async didResolveOperation(rc) {
          requested = cost(rc.document, rc.operationName, rc.request.variables);
          const state = stateOf(rc.contextValue);
          if (state) {
            state.cost = requested;
            state.operation = rc.operationName ?? null;
          }
          if (requested === null) return; // execution reports what is wrong with the variables
          if (requested > maxCost) {
            throw queryTooComplex(
              "cost",
              `Query cost ${requested} exceeds the limit of ${maxCost} (limit: cost); ask for fewer rows (first/last) or fewer nested connections`,
              { max: maxCost, requested },
            );
          }
          if (rateLimiter) {
            const keyId = (rc.contextValue as ViewerLike).viewer?.keyId;
            const caller = keyId != null ? `key:${keyId}` : (state?.ip ?? "ip:unknown");
            const taken = rateLimiter.take(caller, requested);
            if (!taken.ok) {
              throw rateLimited(taken.retryAfterS, {
                cost: rateLimiter.capacity,
                windowS: rateLimiter.windowS,
              });
            }
          }
        },
        async willSendResponse(rc) {
          const { body } = rc.response;
          if (body.kind !== "single") return;
          const result = body.singleResult;
          result.errors = result.errors?.map((error) => {
            if (error.extensions?.limit != null && error.extensions.max != null) {
              return { ...error, extensions: { ...error.extensions, code: "QUERY_TOO_COMPLEX" } };
            }
            if (maxTokens != null && /Document contains more th(?:at|an) \d+ tokens/.test(error.message)) {
              const { locations: _, ...rest } = error;
              return {
                ...rest,
                message: `Token limit of ${maxTokens} exceeded (limit: tokens)`,
                extensions: { code: "QUERY_TOO_COMPLEX", limit: "tokens", max: maxTokens },
              };
            }
            return error;
          });
          result.extensions = { ...result.extensions, cost: { requested, limit: maxCost } };
        },
      };
    },
  };
}

/** Costs kept per document; at most this many variable sets each (then that document's are dropped). */
const COSTS_PER_DOCUMENT = 64;

/**
 * queryCost, computed once per (document, operation name, variables): a cost is a function of those
 * alone, so a repeated query is not walked again (it was ~3% of a node lookup's server time).
 */
function memoizedCost(schema: GraphQLSchema) {
  const costs = memoPerNode<DocumentNode, number | null>(COSTS_PER_DOCUMENT);
  return (
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | undefined,
  ): number | null => {
    const key = variablesKey(variables);
    return costs(document, key === undefined ? undefined : `${operationName ?? ""}\u0000${key}`, () =>
      queryCost(schema, document, operationName, variables),
    );
  };
}
