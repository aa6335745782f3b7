import type { DigestDocument } from "../document.ts";

/** The JSON format: the versioned digest document (src/digests/README.md), pretty-printed. */
export function renderJson(doc: DigestDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
