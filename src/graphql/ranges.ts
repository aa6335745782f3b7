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

/**
 * The Date scalar parses to a JS Date at midnight UTC; date columns take YYYY-MM-DD. Years outside
 * 1..9999 (year 0, negative or six-digit years the scalar lets through) are BAD_USER_INPUT naming
 * `argument`: PostgreSQL cannot compare them.
 */
export function toDay(value: unknown, argument = "date"): string {
  const day = value instanceof Date ? isoOf(value, argument).slice(0, 10) : String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day.startsWith("0000")) {
    throw badUserInput(`${day} is not a date between 0001-01-01 and 9999-12-31`, argument);
  }
  return day;
}

/** An instant as ISO text, refused (BAD_USER_INPUT) outside years 1..9999 or when invalid. */
function isoOf(value: Date, argument: string): string {
  const t = value.getTime();
  const year = Number.isFinite(t) ? value.getUTCFullYear() : Number.NaN;
  if (!(year >= 1 && year <= 9999)) {
    throw badUserInput(`${String(value)} is not an instant between years 1 and 9999`, argument);
  }
  return value.toISOString();
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
    from: input.from == null ? null : toDay(input.from, argument),
    to: input.to == null ? null : toDay(input.to, argument),
  };
  ordered(range.from, range.to, argument, String);
  return range;
}

export function instantRange(
  input: { from?: Date | string | null; to?: Date | string | null } | null | undefined,
  argument: string,
): InstantRange | null {
  if (!input) return null;
  const instant = (v: Date | string) => {
    const d = new Date(v);
    isoOf(d, argument);
    return d;
  };
  const range = {
    from: input.from == null ? null : instant(input.from),
    to: input.to == null ? null : instant(input.to),
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
