import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLError, ValidationContext, ValidationRule } from "graphql";
import { type LimitName, queryTooComplex } from "./errors.ts";
import type { HardeningSettings } from "./settings.ts";

/**
 * graphql-armor's depth, alias and directive limits, refusing with QUERY_TOO_COMPLEX (naming
 * the limit) before execution. Its cost limit is off: ours (src/limits/cost.ts) counts connection
 * pages. Field suggestions ("Did you mean …") are masked unless INTROSPECTION is on.
 */
export function armorLimits(
  settings: Pick<
    HardeningSettings,
    "MAX_DEPTH" | "MAX_ALIASES" | "MAX_TOKENS" | "MAX_DIRECTIVES" | "INTROSPECTION"
  >,
): { plugins: ApolloServerPlugin[]; validationRules: ValidationRule[] } {
  const refuse =
    (limit: LimitName, max: number) =>
    (ctx: ValidationContext | null, error: GraphQLError): void => {
      const refusal = queryTooComplex(
        limit,
        `${error.message.replace(/^Syntax Error: /, "")} (limit: ${limit})`,
        {
          max,
        },
      );
      ctx?.reportError(refusal);
    };
  const armor = new ApolloArmor({
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !settings.INTROSPECTION, mask: "" },
    maxDepth: {
      n: settings.MAX_DEPTH,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [refuse("depth", settings.MAX_DEPTH)],
    },
    maxAliases: {
      n: settings.MAX_ALIASES,
      propagateOnRejection: false,
      onReject: [refuse("aliases", settings.MAX_ALIASES)],
    },
    maxDirectives: {
      n: settings.MAX_DIRECTIVES,
      propagateOnRejection: false,
      onReject: [refuse("directives", settings.MAX_DIRECTIVES)],
    },
    // Its token limit throws inside Apollo 5's parsing hook (an HTTP 500): graphql-js's own parser
    // limit (parseOptions.maxTokens, set in src/http/hardening.ts) counts the same tokens instead.
    maxTokens: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins: plugins as ApolloServerPlugin[], validationRules };
}
