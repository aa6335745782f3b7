import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createPostgresTemplate, dropPostgresDatabases } from "./postgres-admin.ts";
import { seedTemplate } from "./seed-template.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** "pglite" by default; "postgres" when TEST_DATABASE_URL is set. */
    testBackend: "pglite" | "postgres";
    /** PGlite: files holding dumped data directories, one migrated-only and one with the curated seed. */
    pgliteTemplates: { empty: string; seeded: string };
    /** PostgreSQL: names of the template databases. */
    postgresTemplates: { empty: string; seeded: string };
    /** Prefix of every database this run creates, so teardown can drop them all. */
    runId: string;
  }
}

/** Builds the migrated (and the seeded) database once per run; every test file clones them. */
export default async function setup(project: TestProject) {
  const runId = `hs_${process.pid}_${Date.now().toString(36)}`;
  project.provide("runId", runId);
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    project.provide("testBackend", "postgres");
    const empty = await createPostgresTemplate(url, `${runId}_empty`, async (h) => migrate(h));
    const seeded = await createPostgresTemplate(url, `${runId}_seeded`, async (h) => {
      await migrate(h);
      await seedTemplate(h);
    });
    project.provide("postgresTemplates", { empty, seeded });
    project.provide("pgliteTemplates", { empty: "", seeded: "" });
    return async () => dropPostgresDatabases(url, runId);
  }
  project.provide("testBackend", "pglite");
  const dir = mkdtempSync(join(tmpdir(), "hyperscope-test-"));
  const dump = async (name: string, fill: (h: DatabaseHandle) => Promise<void>) => {
    const h = await openDatabase({ memory: true });
    try {
      await fill(h);
      if (!h.dumpDataDir) throw new Error("PGlite handle cannot dump its data directory");
      const blob = await h.dumpDataDir();
      const file = join(dir, `${name}.tar`);
      writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
      return file;
    } finally {
      await h.close();
    }
  };
  const empty = await dump("empty", (h) => migrate(h));
  const seeded = await dump("seeded", async (h) => {
    await migrate(h);
    await seedTemplate(h);
  });
  project.provide("pgliteTemplates", { empty, seeded });
  project.provide("postgresTemplates", { empty: "", seeded: "" });
  return () => rmSync(dir, { recursive: true, force: true });
}
