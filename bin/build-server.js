#!/usr/bin/env node
// Builds the server (src/main.ts and what it imports) into one ES module, dist/server.js, which
// `npm start` runs with plain node (its `prestart`). Running the TypeScript through tsx's loader kept
// about 80 MB more resident (the loader, its transform cache and source maps) for the server's whole
// life. Packages stay external (loaded from node_modules as before); every `import.meta.url` keeps
// meaning its own source file, so paths relative to a file (migrations, SDL, seeds, GraphiQL
// assets) resolve as they do from src/. Takes about a second, so every start builds afresh: the
// server never runs stale code. Written to a temporary file and renamed, so two starts may race.
import { readFileSync, renameSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist", "server.js");

/** Rewrites `import.meta.url` in our own sources to the URL of the source file itself. */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const fromOut = relative(dirname(outfile), args.path).split("\\").join("/");
      const url = `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`;
      return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

const temporary = `${outfile}.${process.pid}.tmp`;
await build({
  entryPoints: [join(root, "src", "main.ts")],
  outfile: temporary,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  plugins: [ownImportMetaUrl],
});
renameSync(temporary, outfile);
