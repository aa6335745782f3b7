/**
 * What kind of problem a record has, for programs (GraphQL userErrors): a required field left out,
 * a value of the wrong type, out of range, not in its enum or malformed, an unknown field, a second
 * record with the same natural key, a reference to an unknown vendor/chip/facility or source, a
 * source cited twice, a fact without a source, dates in the wrong order, a file that does not parse,
 * a record the database refused, an input over the size limit.
 */
export type ProblemCode =
  | "REQUIRED"
  | "WRONG_TYPE"
  | "OUT_OF_RANGE"
  | "INVALID_VALUE"
  | "INVALID_FORMAT"
  | "UNKNOWN_FIELD"
  | "DUPLICATE_KEY"
  | "UNKNOWN_REFERENCE"
  | "UNKNOWN_SOURCE"
  | "DUPLICATE_SOURCE"
  | "MISSING_SOURCE"
  | "DATES_OUT_OF_ORDER"
  | "INVALID_SYNTAX"
  | "CONSTRAINT_VIOLATION"
  | "TOO_LARGE";

/** One thing wrong with the seed: where (file, record, field) and what. */
export interface SeedProblem {
  /** The file as shown to the user (relative to the working directory when inside it). */
  file: string;
  /** 1-based position of the record in its file's list. */
  record?: number;
  /** 1-based line of the record in its file, where known (CSV). */
  line?: number;
  /** The record's natural key (slug, URL, or composite key), when it has one. */
  key?: string;
  /** The field path inside the record, e.g. `pue` or `impacts[0].vendor`. */
  field?: string;
  message: string;
  /** What kind of problem (absent only for problems found before the codes existed). */
  code?: ProblemCode;
}

/** Formats a problem as `file: record 3 (key): field "pue": must be >= 1`. */
export function describeProblem(p: SeedProblem): string {
  const parts = [p.file];
  if (p.record !== undefined) {
    const where = p.line !== undefined ? `line ${p.line}` : `record ${p.record}`;
    parts.push(p.key ? `${where} (${p.key})` : where);
  }
  if (p.field) parts.push(`field "${p.field}"`);
  return `${parts.join(": ")}: ${p.message}`;
}

/** A seed run refused: nothing of it was written. The message lists every problem, one per line. */
export class SeedError extends Error {
  override name = "SeedError";
  constructor(
    readonly problems: SeedProblem[],
    options?: { cause?: unknown },
  ) {
    super(problems.map(describeProblem).join("\n"), options);
  }
}
