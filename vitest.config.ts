import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One migrated database template per run (test/support/global-setup.ts); each test file clones it.
// PGlite costs ~600 MB per instance, so keep the worker count small.
export default defineConfig({
  // graphql has no "exports" map: Node (hence Apollo, graphql-tools, graphql-scalars) loads its CJS
  // build while Vite would pick "module" (index.mjs) for our imports — two copies, and "Cannot use
  // GraphQLSchema from another module or realm". Resolve the bare specifier the way Node does.
  resolve: {
    alias: [
      {
        find: /^graphql$/,
        replacement: fileURLToPath(new URL("./node_modules/graphql/index.js", import.meta.url)),
      },
    ],
  },
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
