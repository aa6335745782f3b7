// The `hyperscope` command: `tsx src/cli/main.ts <command>` (or bin/hyperscope.js). See usage.ts.
import { runCli } from "./run.ts";

process.exitCode = await runCli(process.argv.slice(2));
