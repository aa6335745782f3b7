import { defaultFieldResolver, GraphQLError, type GraphQLSchema, isObjectType } from "graphql";
import { stateOf } from "../http/request-state.ts";
import { INDEX_COSTS } from "./cost.ts";

/**
 * At most `limit` index fields (those priced in INDEX_COSTS: riskScores, blastRadius,
 * concentration, concentrationSeries, Facility.risk, Vendor.risk) resolve at once across all
 * requests; the rest wait their turn (until their request's deadline: then TIMEOUT). So expensive
 * index queries hold at most about `limit` pooled connections, and health checks and cheap reads
 * still get one. Wraps the resolvers of `schema` in place and returns it.
 */
export function limitIndexConcurrency(
  schema: GraphQLSchema,
  limit: number | Semaphore,
  /** Fields that take the gate themselves, around the computation only (src/indices/cache.ts). */
  except: ReadonlySet<string> = new Set(),
): GraphQLSchema {
  const gate = typeof limit === "number" ? new Semaphore(limit) : limit;
  for (const key of Object.keys(INDEX_COSTS)) {
    if (except.has(key)) continue;
    const [typeName, fieldName] = key.split(".") as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (source, args, context, info) => {
      const signal = stateOf(context)?.abort.signal;
      const release = await gate.acquire(signal);
      try {
        return await resolve(source, args, context, info);
      } finally {
        release();
      }
    };
  }
  return schema;
}

/**
 * Index fields that compute through the request's indexRun (the index result cache): a cached result
 * is answered without waiting for a computation slot; only a computation takes one (gateOf).
 */
export const CACHED_INDEX_FIELDS: ReadonlySet<string> = new Set([
  "Query.riskScores",
  "Query.blastRadius",
  "Query.concentration",
  "Query.concentrationSeries",
]);

/** Runs work when `gate` has a free slot, giving up (TIMEOUT) when `signal` aborts first. */
export const gateOf =
  (gate: Semaphore, signal?: AbortSignal) =>
  async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await gate.acquire(signal);
    try {
      return await work();
    } finally {
      release();
    }
  };

/** A counting semaphore whose waiters give up when their signal aborts. */
export class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener("abort", giveUp);
        resolve();
      };
      const giveUp = () => {
        const i = this.waiting.indexOf(wake);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(
          new GraphQLError("The request ran past its time limit waiting for an index computation slot", {
            extensions: { code: "TIMEOUT" },
          }),
        );
      };
      if (signal?.aborted) return giveUp();
      signal?.addEventListener("abort", giveUp, { once: true });
      this.waiting.push(wake);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}
