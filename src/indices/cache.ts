import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/rows.ts";

/**
 * Runs one index computation for a request: `name` and `args` (plain JSON-able values, already
 * normalised by the caller) identify the result together with the data version.
 */
export type IndexRun = <T>(name: string, args: unknown, compute: () => Promise<T>) => Promise<T>;

/** No cache: every call computes (contexts built outside the HTTP server, INDEX_CACHE_SIZE=0 without a gate). */
export const computeDirectly: IndexRun = (_name, _args, compute) => compute();

/** Runs `work` when a computation slot is free (the INDEX_CONCURRENCY gate). */
export type Gate = <T>(work: () => Promise<T>) => Promise<T>;

/** The committed data version (data_version: bumped at the commit of every transaction that wrote a fact table). */
export async function readDataVersion(db: Database): Promise<number> {
  const [row] = await queryRows<{ version: string | number }>(
    db,
    sql`select version from data_version where id = 1`,
  );
  return Number(row?.version ?? 0);
}

/** JSON with object keys sorted, so equal arguments give one key whatever their property order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

interface Entry {
  version: number;
  result: Promise<unknown>;
}

/**
 * A bounded, in-process cache of index results (INDEX_CACHE_SIZE entries, least recently used out),
 * keyed by (index, normalised arguments, data version). The indices are pure functions of the data
 * and their arguments, and the data version changes with every committed write on any instance
 * (a row in the database, read once per request), so a hit is exactly what a computation would give
 * on the data the request sees. Concurrent identical requests share one computation (single flight):
 * the first runs it (through the gate), the others wait for it; if it fails they look up once more
 * and share one new computation (the first request may have been cancelled). Failures are not cached.
 */
export class IndexCache {
  private readonly entries = new Map<string, Entry>();
  private latest = -1;

  constructor(
    readonly size: number,
    /** Told of every lookup: a hit (a result or a computation under way) or a miss. */
    private readonly onLookup: (index: string, outcome: "hit" | "miss") => void = () => {},
  ) {}

  /** The run function for one request: reads the data version once (on its first index call). */
  forRequest(db: Database, gate: Gate = (work) => work()): IndexRun {
    if (this.size <= 0) return (_name, _args, compute) => gate(compute);
    let version: Promise<number> | null = null;
    const run = async <T>(
      name: string,
      args: unknown,
      compute: () => Promise<T>,
      retried = false,
    ): Promise<T> => {
      version ??= readDataVersion(db);
      const v = await version;
      this.forgetOlderThan(v);
      const key = `${v}\u0000${name}\u0000${canonical(args)}`;
      const found = this.entries.get(key);
      if (found) {
        this.onLookup(name, "hit");
        this.entries.delete(key); // most recently used last
        this.entries.set(key, found);
        try {
          return (await found.result) as T;
        } catch (error) {
          // The shared computation failed (e.g. its request was cancelled or timed out): look up again
          // once, so the requests that waited for it share one new computation instead of each
          // starting its own.
          if (retried) throw error;
          return run(name, args, compute, true);
        }
      }
      this.onLookup(name, "miss");
      const result = gate(compute);
      this.entries.set(key, { version: v, result });
      while (this.entries.size > this.size) {
        const oldest = this.entries.keys().next().value as string;
        this.entries.delete(oldest);
      }
      result.catch(() => {
        if (this.entries.get(key)?.result === result) this.entries.delete(key);
      });
      return result;
    };
    return (name, args, compute) => run(name, args, compute);
  }

  /** Entries computed on data older than the newest version seen can never be hit again: drop them. */
  private forgetOlderThan(version: number) {
    if (version <= this.latest) return;
    this.latest = version;
    for (const [key, entry] of this.entries) if (entry.version < version) this.entries.delete(key);
  }
}
