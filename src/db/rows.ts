import { Column, is, SQL, Subquery } from "drizzle-orm";
import type { Database } from "./client.ts";

/**
 * Runs raw SQL and returns its rows on either backend (postgres.js returns an array, PGlite an
 * object with `rows`). Use for aggregates the query builder cannot express.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** What a Drizzle select's prepared query exposes (drizzle-orm 0.45, both drivers). */
interface PreparedSelect {
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: (rows: unknown[][]) => unknown;
  execute(): Promise<unknown>;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** The decoder Drizzle's mapResultRow uses for a selected field (a column, an SQL or an aliased SQL). */
function decoderOf(field: unknown): Decoder {
  if (is(field, Column)) return field as unknown as Decoder;
  // SQL's decoder is internal in Drizzle's types.
  type WithDecoder = { decoder: Decoder };
  if (is(field, SQL)) return (field as unknown as WithDecoder).decoder;
  if (is(field, Subquery)) return (field as unknown as { _: { sql: WithDecoder } })._.sql.decoder;
  return (field as { sql: WithDecoder }).sql.decoder;
}

/**
 * Runs a Drizzle select whose selected fields are all top level (no joined objects) and returns the
 * same rows Drizzle would (each value through its column's mapFromDriverValue, NULL as null), decoded
 * by one plain loop per row: Drizzle's generic mapper costs a reduce step, an iterator and several
 * class checks per cell, which on the nested lists (thousands of cells per request) was a tenth of
 * the server's CPU and much of its garbage. Uses the prepared query's customResultMapper hook, which
 * both drivers honour.
 */
export function selectRows<T>(query: PromiseLike<T[]>): Promise<T[]> {
  const prepared = (query as unknown as { _prepare(): PreparedSelect })._prepare();
  const fields = prepared.fields ?? [];
  const keys = fields.map((f) => {
    if (f.path.length !== 1) throw new Error("selectRows: nested selections are not supported");
    return f.path[0] as string;
  });
  const decoders = fields.map((f) => decoderOf(f.field));
  const width = keys.length;
  prepared.customResultMapper = (rows) => {
    const out = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as unknown[];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < width; i++) {
        const v = row[i];
        o[keys[i] as string] = v === null ? null : (decoders[i] as Decoder).mapFromDriverValue(v);
      }
      out[r] = o;
    }
    return out;
  };
  return prepared.execute() as Promise<T[]>;
}
