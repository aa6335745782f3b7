import { HeaderMap } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { databaseFault } from "../db/faults.ts";
import { RETRY_AFTER_S } from "./error-plugin.ts";

export const INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";
export const MASKED_MESSAGE = "Internal server error";

/** The fixed messages of database faults (src/db/faults.ts). */
export const FAULT_MESSAGES = {
  SERVICE_UNAVAILABLE: "The database is unavailable; retry shortly",
  TIMEOUT: "The request ran past its time limit and was cancelled; ask for less",
} as const;

/**
 * Apollo's `formatError`. Errors that carry a code (GraphQLErrors thrown on purpose: BAD_USER_INPUT,
 * NOT_FOUND, ...; parse and validation failures) pass through. A database fault becomes
 * SERVICE_UNAVAILABLE or TIMEOUT with a fixed message. Anything else reaches the client with code
 * INTERNAL_SERVER_ERROR — Apollo gives that code to every error that has none — and, unless
 * `exposeInternals`, with a fixed message and no other extensions: no stack trace, no driver
 * message, no SQL. Unexpected errors are logged by src/http/error-plugin.ts with the request id.
 */
export function formatErrorFor(options: { exposeInternals: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== INTERNAL_SERVER_ERROR) return formatted;
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    const fault = databaseFault(unwrapResolverError(error));
    if (fault) return { message: FAULT_MESSAGES[fault], ...where, extensions: { code: fault } };
    if (options.exposeInternals) return formatted;
    return { message: MASKED_MESSAGE, ...where, extensions: { code: INTERNAL_SERVER_ERROR } };
  };
}

/**
 * For errors thrown while building a request's context (authenticating its API key reads the
 * database), where Apollo's request pipeline and its plugins do not run yet: a database fault
 * becomes a GraphQLError with its code and HTTP 503 (with Retry-After when SERVICE_UNAVAILABLE)
 * instead of Apollo's "Context creation failed" 500; any other error is returned as it is.
 */
export function contextFault(error: unknown): unknown {
  const fault = databaseFault(error);
  if (!fault) return error;
  const headers = new HeaderMap(
    fault === "SERVICE_UNAVAILABLE" ? [["retry-after", String(RETRY_AFTER_S)]] : [],
  );
  return new GraphQLError(FAULT_MESSAGES[fault], {
    extensions: { code: fault, http: { status: 503, headers } },
  });
}
