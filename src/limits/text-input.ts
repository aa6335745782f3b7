import type { ApolloServerPlugin } from "@apollo/server";
import { type DocumentNode, GraphQLError, visit } from "graphql";

/**
 * Every string a request passes in (literals in the document and variable values, at any depth) must
 * be text PostgreSQL can store: well-formed Unicode (no lone surrogates) without NUL (U+0000), and no
 * longer than MAX_STRING characters. Otherwise the request is refused with BAD_USER_INPUT (HTTP
 * 400) before execution, naming the variable or the literal's position; no field has to guard it.
 */
export const MAX_STRING = 100_000;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problem(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (U+0000)";
  if (loneSurrogate.test(text)) return "is not well-formed Unicode (a lone surrogate)";
  if (text.length > MAX_STRING) return `is longer than ${MAX_STRING} characters`;
  return undefined;
}

function refuse(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: "BAD_USER_INPUT", argument, http: { status: 400 } },
  });
}

/** The first bad string in a variable value, with its path (e.g. "$filter.search"). */
function badVariable(value: unknown, path: string): { path: string; why: string } | undefined {
  if (typeof value === "string") {
    const why = problem(value);
    return why ? { path, why } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = badVariable(v, `${path}[${i}]`);
      if (bad) return bad;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const bad = badVariable(v, `${path}.${k}`);
      if (bad) return bad;
      const badKey = problem(k);
      if (badKey) return { path: `${path} (a key)`, why: badKey };
    }
  }
  return undefined;
}

/** The message refusing the document's first bad string literal, or null. */
function badLiteral(document: DocumentNode): string | null {
  let found: string | null = null;
  visit(document, {
    StringValue(node) {
      const why = found ? undefined : problem(node.value);
      if (why) {
        const at = node.loc
          ? ` at line ${node.loc.startToken.line}, column ${node.loc.startToken.column}`
          : "";
        found = `The string${at} ${why}`;
      }
    },
  });
  return found;
}

/**
 * badLiteral once per document: Apollo's document store hands back the same parsed document for
 * the same query text, so a repeated query's literals are not walked again.
 */
const literalVerdicts = new WeakMap<DocumentNode, string | null>();
function badLiteralOnce(document: DocumentNode): string | null {
  let verdict = literalVerdicts.get(document);
  if (verdict === undefined) {
    verdict = badLiteral(document);
    literalVerdicts.set(document, verdict);
  }
  return verdict;
}

export function textInputPlugin(): ApolloServerPlugin<object> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const literal = badLiteralOnce(rc.document);
          if (literal) throw refuse(literal, "query");
          for (const [name, value] of Object.entries(rc.request.variables ?? {})) {
            const bad = badVariable(value, `$${name}`);
            if (bad) throw refuse(`Variable ${bad.path} ${bad.why}`, bad.path);
          }
        },
      };
    },
  };
}
