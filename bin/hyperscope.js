#!/usr/bin/env node
// Runs the TypeScript CLI (src/cli/main.ts) in this process through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
