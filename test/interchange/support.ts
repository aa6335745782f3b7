import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under `path` (or the file itself) with its bytes, keyed by relative path. */
export function filesOf(path: string): Record<string, string> {
  if (statSync(path).isFile()) return { ".": readFileSync(path, "utf8") };
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(path, p)] = readFileSync(p, "utf8");
    }
  };
  walk(path);
  return out;
}
