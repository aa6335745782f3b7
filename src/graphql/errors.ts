import { GraphQLError } from "graphql";

/** The `extensions.code` values of DESIGN §5 that resolvers raise. */
export type ErrorCode = "BAD_USER_INPUT" | "NOT_FOUND";

/** The caller sent an argument the API cannot accept; `argument` names it (dotted path for input fields). */
export function badUserInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argument } });
}

/** Nothing matches a single lookup; the field resolves to null with this error alongside. */
export function notFound(type: string, by: string, value: string): GraphQLError {
  return new GraphQLError(`No ${type} with ${by} "${value}"`, {
    extensions: { code: "NOT_FOUND", type, argument: by },
  });
}
