import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "../logger.ts";

export const INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";
export const MASKED_MESSAGE = "Internal server error";

/**
 * Apollo's `formatError`. Errors that carry a code (GraphQLErrors thrown on purpose: BAD_USER_INPUT,
 * NOT_FOUND, ...; parse and validation failures) pass through. Anything else reaches the client
 * with code INTERNAL_SERVER_ERROR — Apollo gives that code to every error that has none — and,
 * unless `exposeInternals`, with a fixed message and no other extensions: no stack trace, no driver
 * message, no SQL. Every unexpected error is logged in full.
 */
export function formatErrorFor(options: { exposeInternals: boolean; logger: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (formatted.extensions?.code !== INTERNAL_SERVER_ERROR) return formatted;
    options.logger.error(
      { err: unwrapResolverError(error), path: formatted.path },
      "unexpected GraphQL error",
    );
    if (options.exposeInternals) return formatted;
    return {
      message: MASKED_MESSAGE,
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: INTERNAL_SERVER_ERROR },
    };
  };
}
