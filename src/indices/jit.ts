import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";

/**
 * Runs index statements in a transaction with PostgreSQL's JIT off. The index queries are large
 * analytic statements whose cost estimates trigger JIT compilation, which took seconds on the bench
 * (longer than executing them); without JIT they run ~40% faster. Harmless where JIT is unavailable.
 */
export function withoutJit<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return work(tx as unknown as Database);
  });
}
