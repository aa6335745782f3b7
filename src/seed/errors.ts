/** One thing wrong with the seed: where (file, record, field) and what. */
export interface SeedProblem {
  /** The file as shown to the user (relative to the working directory when inside it). */
  file: string;
  /** 1-based position of the record in its file's list. */
  record?: number;
  /** The record's natural key (slug, URL, or composite key), when it has one. */
  key?: string;
  /** The field path inside the record, e.g. `pue` or `impacts[0].vendor`. */
  field?: string;
  message: string;
}

/** Formats a problem as `file: record 3 (key): field "pue": must be >= 1`. */
export function describeProblem(p: SeedProblem): string {
  const parts = [p.file];
  if (p.record !== undefined) parts.push(p.key ? `record ${p.record} (${p.key})` : `record ${p.record}`);
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
