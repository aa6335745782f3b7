import type { DatabaseHandle } from "../../src/db/client.ts";

/** Loads the curated seed into a template database. */
export async function seedTemplate(_h: DatabaseHandle): Promise<void> {
  // Replaced by the curated seed loader once it exists.
}
