import type { DatabaseHandle } from "../../src/db/client.ts";
import { SeedError, seedCurated } from "../../src/seed/curated.ts";

/**
 * Loads the curated seed (seeds/) into the "seeded" template. A seed that does not load leaves the
 * template migrated but empty and prints why, so tests on the empty template still run while
 * test/seed/real-seeds.test.ts (and any test needing seeded data) fails with the loader's message.
 */
export async function seedTemplate(h: DatabaseHandle): Promise<void> {
  try {
    await seedCurated(h.db);
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    process.stderr.write(
      `\n[seed-template] curated seed refused; "seeded" template is empty:\n${error.message}\n\n`,
    );
  }
}
