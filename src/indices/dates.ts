import { IndexInputError } from "./errors.ts";

/** The earliest date an index can be asked for: before it the AI-factory data model means nothing. */
export const EARLIEST_AS_OF = "1990-01-01";
/** How far into the future an index can be asked for (planned facilities, announced rules). */
export const LATEST_AS_OF_YEARS_AHEAD = 10;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The latest accepted date: today (UTC) plus ten years. */
export function latestAsOf(today: Date = new Date()): string {
  const d = new Date(
    Date.UTC(today.getUTCFullYear() + LATEST_AS_OF_YEARS_AHEAD, today.getUTCMonth(), today.getUTCDate()),
  );
  return d.toISOString().slice(0, 10);
}

/**
 * Validates an index date (`YYYY-MM-DD`, a real calendar day, within [1990-01-01, today + 10 years])
 * and returns it; otherwise an IndexInputError naming `argument`.
 */
export function checkIndexDate(argument: string, value: string): string {
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new IndexInputError(argument, `${argument} must be a date YYYY-MM-DD, got "${value}"`);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new IndexInputError(argument, `${argument} is not a calendar date: "${value}"`);
  }
  const latest = latestAsOf();
  if (value < EARLIEST_AS_OF || value > latest) {
    throw new IndexInputError(
      argument,
      `${argument} must be between ${EARLIEST_AS_OF} and ${latest}, got ${value}`,
    );
  }
  return value;
}
