/**
 * Dates as whole days since 1970-01-01 (UTC). The generator never reads the clock: every date lies
 * on or before HORIZON, so the same seed gives the same rows whenever it runs.
 */
const DAY_MS = 86_400_000;

export const day = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** The last date synthetic facts may carry. */
export const HORIZON = day("2026-06-30");

/** `YYYY-MM-DD` of a day number. */
export const isoDate = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);

/** ISO 8601 timestamp (UTC) of a day number plus minutes. */
export const isoTimestamp = (d: number, minutes: number): string =>
  new Date(d * DAY_MS + minutes * 60_000).toISOString();

export const yearStart = (year: number): number => day(`${year}-01-01`);

export const years = (n: number): number => Math.round(n * 365.25);

/** First day of quarter `q` (1-4) of `year`, and the last day of that quarter. */
export function quarter(year: number, q: number): { start: number; end: number } {
  const start = day(`${year}-${String(3 * q - 2).padStart(2, "0")}-01`);
  const end =
    q === 4 ? day(`${year + 1}-01-01`) - 1 : day(`${year}-${String(3 * q + 1).padStart(2, "0")}-01`) - 1;
  return { start, end };
}
