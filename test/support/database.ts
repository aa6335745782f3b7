import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { clonePostgresTemplate, dropPostgresDatabase } from "./postgres-admin.ts";

export type TestDatabaseKind = "empty" | "seeded";

/**
 * A private database for one test file, cloned from this run's template: migrated only ("empty") or
 * with the curated seed ("seeded"). PGlite by default; PostgreSQL when TEST_DATABASE_URL is set.
 * Close it in afterAll: the clone is dropped (PostgreSQL) or freed (PGlite).
 */
export async function testDatabase(kind: TestDatabaseKind = "empty"): Promise<DatabaseHandle> {
  if (inject("testBackend") === "postgres") {
    const url = process.env.TEST_DATABASE_URL as string;
    const name = `${inject("runId")}_t_${randomBytes(4).toString("hex")}`;
    const h = await openDatabase({
      url: await clonePostgresTemplate(url, inject("postgresTemplates")[kind], name),
    });
    return {
      ...h,
      close: async () => {
        await h.close();
        await dropPostgresDatabase(url, name);
      },
    };
  }
  const tar = readFileSync(inject("pgliteTemplates")[kind]);
  return openDatabase({ memory: true, loadDataDir: new Blob([tar]) });
}

/** The backend this run tests, for test names. */
export const testBackend = () => inject("testBackend");
