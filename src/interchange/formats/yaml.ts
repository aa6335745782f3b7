import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { folderOf } from "../entities.ts";
import { type OutputFile, openOutput } from "../output.ts";
import type { RecordSink } from "../sink.ts";

/** The file an entity's records go to inside a YAML export folder: `<folder>/<folder>.yaml`. */
export const yamlFileOf = (dir: string, folder: string) => join(dir, folder, `${folder}.yaml`);

/**
 * The seeds/ layout: one folder per entity with one YAML list in it, records separated by a blank
 * line, long strings never folded; an export folder is a valid `hyperscope seed --dir`.
 */
export function yamlSink(dir: string): RecordSink {
  let out: OutputFile | undefined;
  let count = 0;
  return {
    async begin(entity) {
      mkdirSync(join(dir, folderOf(entity)), { recursive: true });
      out = openOutput(yamlFileOf(dir, folderOf(entity)));
      count = 0;
    },
    async record(_entity, record) {
      const text = stringify([record], { lineWidth: 0 });
      await out?.write(count++ === 0 ? text : `\n${text}`);
    },
    async end() {
      if (count === 0) await out?.write("[]\n");
      await out?.close();
      out = undefined;
    },
    async close() {},
  };
}
