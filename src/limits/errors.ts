import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";

/** Which limit refused a query: named in `extensions.limit` of QUERY_TOO_COMPLEX. */
export type LimitName = "cost" | "depth" | "aliases" | "tokens" | "directives";

/**
 * A query refused before execution. `extensions.limit` names the limit, `max` its value and
 * `requested` what the query asked for when known. HTTP 400.
 */
export function queryTooComplex(
  limit: LimitName,
  message: string,
  details: { max: number; requested?: number },
) {
  return new GraphQLError(message, {
    extensions: {
      code: "QUERY_TOO_COMPLEX",
      limit,
      max: details.max,
      ...(details.requested != null ? { requested: details.requested } : {}),
      http: { status: 400 },
    },
  });
}

/** The caller spent its cost budget: retry after `retryAfterS` seconds (also the Retry-After header). HTTP 429. */
export function rateLimited(retryAfterS: number, budget: { cost: number; windowS: number }) {
  return new GraphQLError(
    `Rate limit of ${budget.cost} cost per ${budget.windowS} s exceeded; retry after ${retryAfterS} s`,
    {
      extensions: {
        code: "RATE_LIMITED",
        retryAfter: retryAfterS,
        http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterS)]]) },
      },
    },
  );
}
