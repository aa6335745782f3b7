import type { z } from "zod";

/**
 * userErrors: why a write was refused, naming the input field (as a path from the mutation
 * argument, e.g. ["input", "sources", "0"]) and a stable code (the UserErrorCode enum).
 */
export type UserErrorCode =
  | "INVALID"
  | "REQUIRED"
  | "TOO_LONG"
  | "DATE_ORDER"
  | "UNKNOWN_REFERENCE"
  | "DUPLICATE"
  | "SOURCE_REQUIRED"
  | "STALE"
  | "NOT_FOUND"
  | "IN_USE";

export interface UserError {
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/** Longest accepted string in any write input (names, notes, URLs, locators). */
export const MAX_TEXT_LENGTH = 4000;

/** Thrown inside a write's transaction to refuse it: the transaction rolls back, the payload lists the errors. */
export class WriteRefused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => `${e.field?.join(".") ?? "input"}: ${e.message}`).join("; "));
  }
}

export const userError = (
  field: readonly (string | number)[] | null,
  code: UserErrorCode,
  message: string,
) => ({
  field: field ? field.map(String) : null,
  code,
  message,
});

/** Strings longer than MAX_TEXT_LENGTH anywhere in an input value, as TOO_LONG errors. */
export function oversizedStrings(value: unknown, path: (string | number)[]): UserError[] {
  if (typeof value === "string") {
    return value.length > MAX_TEXT_LENGTH
      ? [userError(path, "TOO_LONG", `must be at most ${MAX_TEXT_LENGTH} characters (got ${value.length})`)]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => oversizedStrings(v, [...path, i]));
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([k, v]) => oversizedStrings(v, [...path, k]));
  }
  return [];
}

/**
 * A zod issue of the shared record schemas (src/seed/records.ts) as a userError: a missing value is
 * REQUIRED, an empty `sources` list SOURCE_REQUIRED, a date-order rule DATE_ORDER, anything else INVALID.
 */
export function fromZodIssue(
  issue: z.core.$ZodIssue,
  prefix: (string | number)[],
  input: unknown,
): UserError {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
  const field = issue.path.map(String).join(".") || "input";
  const at = valueAt(input, issue.path);
  let code: UserErrorCode = "INVALID";
  if (issue.path[0] === "sources" && issue.path.length === 1 && (issue.code === "too_small" || at == null)) {
    code = "SOURCE_REQUIRED";
  } else if (at === undefined && issue.code !== "custom") {
    code = "REQUIRED";
  } else if (issue.code === "custom") {
    const given = (issue.params as { code?: string } | undefined)?.code;
    if (given === "DATE_ORDER" || given === "REQUIRED") code = given;
  }
  const message = code === "SOURCE_REQUIRED" ? "a curated fact must cite at least one source" : issue.message;
  return userError(path, code, code === "REQUIRED" ? `${field} is required` : message);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v == null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Parses `input` with a record schema; refuses the write with every issue as a userError. */
export function parseRecord<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: (string | number)[],
): z.output<S> {
  const tooLong = oversizedStrings(input, prefix);
  if (tooLong.length > 0) throw new WriteRefused(tooLong);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new WriteRefused(parsed.error.issues.map((i) => fromZodIssue(i, prefix, input)));
  return parsed.data;
}
