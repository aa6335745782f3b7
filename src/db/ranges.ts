import { type Column, gte, lte, type SQL, sql } from "drizzle-orm";

/**
 * Range conditions on date/timestamp columns (the filters' ranges: src/graphql/ranges.ts). Bounds are
 * inclusive and optional; rows whose value is NULL are excluded once any bound is given (as inRange).
 */

export interface Bounds<T> {
  from: T | null;
  to: T | null;
}

/** `column` lies within the bounds. */
export function within<T extends string | Date>(
  column: Column,
  bounds: Bounds<T> | null | undefined,
): SQL | undefined {
  if (!bounds) return undefined;
  const parts: SQL[] = [];
  // gte/lte bind the value through the column's own encoder (a Date for timestamps, text for dates).
  if (bounds.from != null) parts.push(gte(column, bounds.from));
  if (bounds.to != null) parts.push(lte(column, bounds.to));
  return parts.length ? sql.join(parts, sql` and `) : undefined;
}

/** The period [start, end] shares at least one day with the bounds. */
export function overlaps(
  start: Column,
  end: Column,
  bounds: Bounds<string> | null | undefined,
): SQL | undefined {
  if (!bounds) return undefined;
  const parts: SQL[] = [];
  if (bounds.to != null) parts.push(sql`${start} <= ${bounds.to}`);
  if (bounds.from != null) parts.push(sql`${end} >= ${bounds.from}`);
  return parts.length ? sql.join(parts, sql` and `) : undefined;
}

/** The period [start, end] contains `day`; an open end (NULL) means "still running". */
export function contains(start: Column, end: Column, day: string | null | undefined): SQL | undefined {
  if (day == null) return undefined;
  return sql`(${start} is null or ${start} <= ${day}) and (${end} is null or ${end} >= ${day})`;
}
