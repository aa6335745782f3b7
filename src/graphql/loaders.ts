import DataLoader from "dataloader";
import type { Page } from "../db/pagination.ts";

/**
 * Generic DataLoader shapes. Every loader is created per request (createRequestContext), so caching
 * never crosses requests, and every batch is ONE statement: the number of statements a request
 * issues grows with its nesting depth, not with the number of rows.
 */

/** Loads rows by a unique key (id, slug, url); a key matching nothing yields null. */
export function rowLoader<K extends string | number, Row>(
  fetch: (keys: readonly K[]) => Promise<Row[]>,
  keyOf: (row: Row) => K,
): DataLoader<K, Row | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((r) => [keyOf(r), r]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** Loads every row belonging to a parent key (e.g. all citations of a fact), in one batch. */
export function groupLoader<K extends string | number, Row>(
  fetch: (keys: readonly K[]) => Promise<Row[]>,
  groupOf: (row: Row) => K,
): DataLoader<K, Row[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<K, Row[]>();
    for (const row of await fetch(keys)) {
      const k = groupOf(row);
      const list = groups.get(k);
      if (list) list.push(row);
      else groups.set(k, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** Loads a value per key from a map-returning batch (absent keys get `missing`). */
export function mapLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<Map<K, V>>,
  missing: V,
): DataLoader<K, V> {
  return new DataLoader(async (keys) => {
    const values = await fetch(keys);
    return keys.map((k) => values.get(k) ?? missing);
  });
}

/**
 * Nested connections: one page per parent id, batched across all parents that ask for the SAME
 * arguments (the `argsKey`, e.g. JSON of the GraphQL arguments). Different arguments get separate
 * batches, since each batch is one statement with one filter, ordering and page size.
 */
export function pageLoader<Params, Row>(
  fetch: (parentIds: readonly number[], params: Params) => Promise<Map<number, Page<Row>>>,
): (parentId: number, params: Params, argsKey: string) => Promise<Page<Row>> {
  const batches = new Map<string, DataLoader<number, Page<Row>>>();
  return (parentId, params, argsKey) => {
    let loader = batches.get(argsKey);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const pages = await fetch(ids, params);
        return ids.map((id) => pages.get(id) ?? new Error(`no page for parent ${id}`));
      });
      batches.set(argsKey, loader);
    }
    return loader.load(parentId);
  };
}
