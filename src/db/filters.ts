import { type Column, inArray, type SQL, sql } from "drizzle-orm";

/**
 * Building blocks for list filters. Conventions: an absent criterion (null/undefined) does not
 * constrain; a list criterion matches any of its values, so an empty list matches nothing.
 */

/** `column` is one of `values`; no constraint when `values` is absent. */
export function anyOf<T>(column: Column, values: readonly T[] | null | undefined): SQL | undefined {
  if (values == null) return undefined;
  return values.length === 0 ? sql`false` : inArray(column, [...values]);
}

/** Case-insensitive substring match; LIKE wildcards in `search` are matched literally. */
export function containsText(column: Column, search: string | null | undefined): SQL | undefined {
  if (search == null || search === "") return undefined;
  const escaped = search.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${column} ilike ${`%${escaped}%`}`;
}

/** Inclusive numeric range; rows whose value is NULL are excluded once any bound is given. */
export function inRange(
  column: Column,
  range: { min?: number | null; max?: number | null } | null | undefined,
): SQL | undefined {
  if (range == null) return undefined;
  const parts: SQL[] = [];
  if (range.min != null) parts.push(sql`${column} >= ${range.min}`);
  if (range.max != null) parts.push(sql`${column} <= ${range.max}`);
  return parts.length ? sql.join(parts, sql` and `) : undefined;
}

/** A Postgres array of an enum (or text) type built from parameters, e.g. array[$1,$2]::regulatory_topic[]. */
export function enumArray(values: readonly string[], pgType: string): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::${sql.raw(`${pgType}[]`)}`;
}

/**
 * `column = any('{1,2,3}'::int[])`: a list of integer ids as ONE parameter, so batches of any size
 * (nested pages multiply) stay within the protocol's 65,535-parameter limit.
 */
export function anyId(column: Column | SQL, ids: readonly number[]): SQL {
  return sql`${column} = any(${intArray(ids)}::int[])`;
}

/** `{1,2,3}`: a PostgreSQL int[] literal; anything but a safe integer is refused. */
export function intArray(ids: readonly number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id)) throw new TypeError(`not an integer id: ${id}`);
  return `{${ids.join(",")}}`;
}

/** `{"a","b\"c"}`: a PostgreSQL text[] literal, every element quoted (backslash and quote escaped). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}
