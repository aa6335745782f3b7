import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { ensureBuiltInSignals } from "../signals/built-in.ts";
import type { DatabaseHandle } from "./client.ts";

/** The committed drizzle-kit migrations. */
export const migrationsFolder = fileURLToPath(new URL("../../schema/migrations", import.meta.url));

/** Applies every pending migration and creates missing built-in signals; safe to run on every start. */
export async function migrate(handle: DatabaseHandle): Promise<void> {
  // Both migrators take the same Drizzle database; only their driver types differ.
  if (handle.backend === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as never, { migrationsFolder });
  }
  await ensureBuiltInSignals(handle.db);
}
