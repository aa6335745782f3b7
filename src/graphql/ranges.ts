import { badUserInput } from "./errors.ts";

/**
 * Range inputs of list filters (DateRange, DateTimeRange, IntRange) → validated query ranges.
 * Bounds are inclusive and optional; a lower bound above the upper one is BAD_USER_INPUT naming
 * the input field (e.g. "filter.startedAt").
 */

/** An inclusive range of calendar dates as YYYY-MM-DD (what Postgres `date` columns compare with). */
export interface DayRange {
  from: string | null;
  to: string | null;
}

/** An inclusive range of instants. */
export interface InstantRange {
  from: Date | null;
  to: Date | null;
}

/** An inclusive range of integers. */
export interface IntRange {
  min: number | null;
  max: number | null;
}

/** The Date scalar parses to a JS Date at midnight UTC; date columns take YYYY-MM-DD. */
export function toDay(value: unknown): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

function ordered<T>(low: T | null, high: T | null, argument: string, show: (v: T) => string): void {
  if (low != null && high != null && low > high) {
    throw badUserInput(`from/min (${show(low)}) is after to/max (${show(high)})`, argument);
  }
}

export function dayRange(
  input: { from?: unknown; to?: unknown } | null | undefined,
  argument: string,
): DayRange | null {
  if (!input) return null;
  const range = {
    from: input.from == null ? null : toDay(input.from),
    to: input.to == null ? null : toDay(input.to),
  };
  ordered(range.from, range.to, argument, String);
  return range;
}

export function instantRange(
  input: { from?: Date | string | null; to?: Date | string | null } | null | undefined,
  argument: string,
): InstantRange | null {
  if (!input) return null;
  const range = {
    from: input.from == null ? null : new Date(input.from),
    to: input.to == null ? null : new Date(input.to),
  };
  ordered(range.from?.getTime() ?? null, range.to?.getTime() ?? null, argument, (t) =>
    new Date(t).toISOString(),
  );
  return range;
}

/** An integer range whose bounds must lie within [lowest, highest] (e.g. severity 1..5). */
export function intRange(
  input: { min?: number | null; max?: number | null } | null | undefined,
  argument: string,
  bounds: { lowest: number; highest: number },
): IntRange | null {
  if (!input) return null;
  const range = { min: input.min ?? null, max: input.max ?? null };
  for (const v of [range.min, range.max]) {
    if (v != null && (v < bounds.lowest || v > bounds.highest)) {
      throw badUserInput(`${v} is outside ${bounds.lowest}..${bounds.highest}`, argument);
    }
  }
  ordered(range.min, range.max, argument, String);
  return range;
}
