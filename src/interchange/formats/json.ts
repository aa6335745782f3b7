import type { OutputFile } from "../output.ts";
import { openOutput } from "../output.ts";
import type { RecordSink } from "../sink.ts";

/** The `format` member of a JSON interchange document. */
export const jsonFormat = "hyperscope-interchange/1";

/**
 * One JSON document: `{ "format": …, "sources": [ … ], "vendors": [ … ], … }` with one record per
 * line (so a diff shows one line per changed record) and every entity present, in dependency order.
 */
export function jsonSink(path: string): RecordSink {
  const out: OutputFile = openOutput(path);
  let count = 0;
  let started = false;
  return {
    async begin(entity) {
      if (!started) await out.write(`{\n  "format": ${JSON.stringify(jsonFormat)}`);
      started = true;
      count = 0;
      await out.write(`,\n  ${JSON.stringify(entity)}: [`);
    },
    async record(_entity, record) {
      await out.write(`${count++ === 0 ? "\n" : ",\n"}    ${JSON.stringify(record)}`);
    },
    async end() {
      await out.write(count === 0 ? "]" : "\n  ]");
    },
    async close() {
      if (!started) await out.write(`{\n  "format": ${JSON.stringify(jsonFormat)}`);
      await out.write("\n}\n");
      await out.close();
    },
  };
}
