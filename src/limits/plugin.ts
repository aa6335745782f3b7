import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
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
  return {
    async requestDidStart() {
      let requested: number | null = null;
      return {
        async didResolveOperation(rc) {
          requested = queryCost(schema, rc.document, rc.operationName, rc.request.variables);
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
