import { defineConfig } from "vitest/config";

// One migrated database template per run (test/support/global-setup.ts); each test file clones it.
// PGlite costs ~600 MB per instance, so keep the worker count small.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
