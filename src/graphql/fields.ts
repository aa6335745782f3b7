import type DataLoader from "dataloader";
import { badUserInput, notFound } from "./errors.ts";
import { toGlobalId } from "./ids.ts";

/** Resolver helpers shared by every domain (ids, relations, lookups). */

/** The `id` field of a Node type: the opaque global id of the row. */
export const globalIdField =
  (type: string) =>
  (row: { id: number }): string =>
    toGlobalId(type, row.id);

/** A to-one relation through a row loader; a dangling key (never expected: FKs) resolves to null. */
export function related<Row>(
  key: number | null | undefined,
  loader: DataLoader<number, Row | null>,
): Promise<Row | null> | null {
  return key == null ? null : loader.load(key);
}

/** Same as `related` for a NOT NULL foreign key; a missing row is an internal error. */
export async function required<Row>(
  key: number,
  loader: DataLoader<number, Row | null>,
  what: string,
): Promise<Row> {
  const row = await loader.load(key);
  if (!row) throw new Error(`${what} ${key} is missing`);
  return row;
}

/**
 * A single lookup by exactly one of several arguments (e.g. `vendor(id:, slug:)`): both or neither is
 * BAD_USER_INPUT; no match resolves to null with a NOT_FOUND error.
 */
export async function lookupOne<Row>(
  type: string,
  args: Record<string, string | null | undefined>,
  finders: Record<string, (value: string) => Promise<Row | null>>,
): Promise<Row> {
  const given = Object.keys(finders).filter((name) => args[name] != null);
  if (given.length !== 1) {
    const names = Object.keys(finders).join(" or ");
    throw badUserInput(`Give exactly one of ${names}`, given[1] ?? Object.keys(finders)[0] ?? "id");
  }
  const name = given[0] as string;
  const value = args[name] as string;
  const row = await (finders[name] as (value: string) => Promise<Row | null>)(value);
  if (!row) throw notFound(type, name, value);
  return row;
}
