import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Change, CriticalityLevel, diff } from "@graphql-inspector/core";
import { buildSchema, type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";

/**
 * The frontends' contract. `schema.graphql` (repository root) is the printed schema, generated from
 * schema/graphql/*.graphql and committed; `schema/released.graphql` is the schema of the last
 * release. A change between them that graphql-inspector rates BREAKING fails CI unless it is listed
 * in `schema/acknowledged-changes.txt` as `<CHANGE_TYPE> <path>` (one per line, `#` comments), e.g.
 * `FIELD_REMOVED Vendor.legacyName  # removed in 0.3 after a deprecation period`. Additions are
 * never breaking.
 */
const root = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
export const PRINTED_SCHEMA = join(root, "schema.graphql");
export const RELEASED_SCHEMA = join(root, "schema/released.graphql");
export const ACKNOWLEDGED = join(root, "schema/acknowledged-changes.txt");

/** The schema as printed for clients: sorted, so the file only changes when the schema does. */
export function printContract(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** `<CHANGE_TYPE> <path>` keys listed in an acknowledged-changes text. */
export function parseAcknowledged(text: string): Set<string> {
  return new Set(
    text
      .split("\n")
      .map((l) => l.replace(/#.*/, "").trim())
      .filter(Boolean)
      .map((l) => l.split(/\s+/).slice(0, 2).join(" ")),
  );
}

export const changeKey = (c: Change) => `${c.type} ${c.path ?? ""}`.trim();

/** Breaking changes from `released` to `current` that are not acknowledged. */
export async function unacknowledgedBreakingChanges(
  released: string,
  current: string,
  acknowledged: Set<string>,
): Promise<Change[]> {
  const changes = await diff(buildSchema(released), buildSchema(current));
  return changes.filter(
    (c) => c.criticality.level === CriticalityLevel.Breaking && !acknowledged.has(changeKey(c)),
  );
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
