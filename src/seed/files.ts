import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import type { ProblemCode, SeedProblem } from "./errors.ts";

/** A validated record and where it came from. */
export interface Located<T> {
  file: string;
  /** 1-based position in the file's list. */
  record: number;
  /** 1-based line of the record in its file, where the format has one record per line (CSV). */
  line?: number;
  /** Natural key for messages. */
  key: string;
  value: T;
}

/** The file name as shown in messages: relative to the working directory when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

/** A record as read from a file, before validation: where it came from and its parsed fields. */
export interface RawRecord {
  file: string;
  /** 1-based position in the file's list. */
  record: number;
  /** 1-based line in the file, when known (CSV). */
  line?: number;
  raw: unknown;
}

/** `impacts[0].vendor` from zod's path. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join("");
}

/** A message in the seed's words for one zod issue. */
function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return input === undefined ? "is required" : `must be a ${issue.expected}`;
    case "too_small":
      if (issue.origin === "array") return `must have at least ${issue.minimum} item(s)`;
      if (issue.origin === "string") return "must not be empty";
      return `must be ${issue.inclusive ? ">=" : ">"} ${issue.minimum}`;
    case "too_big":
      return `must be ${issue.inclusive ? "<=" : "<"} ${issue.maximum}`;
    case "invalid_value":
      return `must be one of ${issue.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return "unknown field";
    case "invalid_union":
      return issue.message;
    default:
      return issue.message;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path)
    v = v != null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** The problem code of one zod issue (see ProblemCode). */
function issueCode(issue: z.core.$ZodIssue, input: unknown): ProblemCode {
  switch (issue.code) {
    case "invalid_type":
      return input === undefined ? "REQUIRED" : "WRONG_TYPE";
    case "too_small":
      return issue.origin === "array" && issue.path.at(-1) === "sources" ? "MISSING_SOURCE" : "OUT_OF_RANGE";
    case "too_big":
      return "OUT_OF_RANGE";
    case "invalid_format":
    case "invalid_union":
      return "INVALID_FORMAT";
    case "custom": {
      const code = (issue.params as { problem?: ProblemCode } | undefined)?.problem;
      return code ?? "INVALID_VALUE";
    }
    default:
      return "INVALID_VALUE";
  }
}

/** Turns zod issues into problems; an unknown-keys issue yields one problem per unknown field. */
function problemsOf(
  error: z.ZodError,
  raw: unknown,
  at: Omit<SeedProblem, "field" | "message">,
): SeedProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((k) => ({
        ...at,
        field: fieldPath([...issue.path, k]),
        code: "UNKNOWN_FIELD" as const,
        message: "unknown field",
      }));
    }
    const field = fieldPath(issue.path) || undefined;
    const input = valueAt(raw, issue.path);
    return [{ ...at, field, code: issueCode(issue, input), message: issueMessage(issue, input) }];
  });
}

/**
 * Reads every `*.yaml` file of `folder` (sorted, so messages are stable) and returns the items of
 * each file's list, unvalidated; a file that is not valid YAML or not a list is a problem. A missing
 * folder holds no records.
 */
export function readYamlFolder(folder: string, problems: SeedProblem[]): RawRecord[] {
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  const out: RawRecord[] = [];
  for (const name of files) {
    const file = displayPath(join(folder, name));
    let doc: unknown;
    try {
      doc = parse(readFileSync(join(folder, name), "utf8"));
    } catch (error) {
      problems.push({
        file,
        code: "INVALID_SYNTAX",
        message: `invalid YAML: ${(error as Error).message.split("\n")[0]}`,
      });
      continue;
    }
    if (doc == null) continue;
    if (!Array.isArray(doc)) {
      problems.push({ file, code: "WRONG_TYPE", message: "must be a YAML list of records" });
      continue;
    }
    doc.forEach((raw, i) => {
      out.push({ file, record: i + 1, raw });
    });
  }
  return out;
}

/**
 * Validates each raw record with `schema` and returns the valid ones; problems are appended to
 * `problems`, and the invalid mappings (raw) to `rejected` when given. The key of every record, valid or not, is added to `declared`, so that references to
 * a record that is itself invalid are not reported a second time.
 */
export function validateRecords<S extends z.ZodType>(
  items: RawRecord[],
  schema: S,
  keyOf: (raw: Record<string, unknown>) => string | undefined,
  problems: SeedProblem[],
  declared: Set<string> = new Set(),
  rejected?: Located<Record<string, unknown>>[],
): Located<z.output<S>>[] {
  const out: Located<z.output<S>>[] = [];
  for (const { file, record, line, raw } of items) {
    const isObject = raw != null && typeof raw === "object" && !Array.isArray(raw);
    const key = isObject ? keyOf(raw as Record<string, unknown>) : undefined;
    const at = { file, record, ...(line !== undefined ? { line } : {}), ...(key ? { key } : {}) };
    if (key) declared.add(key);
    if (!isObject) {
      problems.push({ ...at, code: "WRONG_TYPE", message: "must be a mapping of fields" });
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.push({ ...at, key: key ?? "", value: parsed.data });
    else {
      problems.push(...problemsOf(parsed.error, raw, at));
      rejected?.push({ ...at, key: key ?? "", value: raw as Record<string, unknown> });
    }
  }
  return out;
}

/** Reads and validates every record of a seed folder (readYamlFolder, then validateRecords). */
export function readRecords<S extends z.ZodType>(
  folder: string,
  schema: S,
  keyOf: (raw: Record<string, unknown>) => string | undefined,
  problems: SeedProblem[],
  declared: Set<string> = new Set(),
): Located<z.output<S>>[] {
  return validateRecords(readYamlFolder(folder, problems), schema, keyOf, problems, declared);
}
