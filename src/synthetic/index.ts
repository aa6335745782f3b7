import type { DatabaseHandle } from "../db/client.ts";

// INTERFACE STUB (owned by the synthetic-generator work).

export interface SyntheticOptions {
  /** 1 ≈ 100k facilities, 1M outage impacts, 10k vendors, 50k regulatory events. */
  scale: number;
  /** PRNG seed; the same seed and scale always produce the same rows. */
  seed?: number;
}

/** Bulk-loads deterministic synthetic data for scale tests. */
export async function seedSynthetic(
  _h: DatabaseHandle,
  _options: SyntheticOptions,
): Promise<Record<string, number>> {
  throw new Error("not implemented yet");
}
