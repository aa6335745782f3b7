import { parse } from "yaml";
import type { RawCatalogue } from "../../seed/catalogue.ts";
import type { SeedProblem } from "../../seed/errors.ts";
import { type EntityName, entityNames } from "../entities.ts";
import { jsonFormat } from "./json.ts";

const emptyCatalogue = (): RawCatalogue =>
  Object.fromEntries(entityNames.map((e) => [e, []])) as unknown as RawCatalogue;

/**
 * Reads one interchange document (JSON, or the same shape in YAML): a mapping with an optional
 * `format` and one list of records per entity (`sources`, `vendors`, … `dependencies`), each
 * optional. Problems name the file as `<file>#<entity>` and the record by its 1-based index.
 */
export function readDocument(
  text: string,
  format: "json" | "yaml",
  file: string,
  problems: SeedProblem[],
): RawCatalogue {
  const raw = emptyCatalogue();
  let doc: unknown;
  try {
    doc = format === "json" ? JSON.parse(text) : parse(text);
  } catch (error) {
    const what = format === "json" ? "JSON" : "YAML";
    problems.push({
      file,
      code: "INVALID_SYNTAX",
      message: `invalid ${what}: ${(error as Error).message.split("\n")[0]}`,
    });
    return raw;
  }
  if (doc == null || typeof doc !== "object" || Array.isArray(doc)) {
    problems.push({
      file,
      code: "WRONG_TYPE",
      message: `must be a mapping of entity names (${entityNames.join(", ")}) to lists of records`,
    });
    return raw;
  }
  for (const [name, list] of Object.entries(doc as Record<string, unknown>)) {
    if (name === "format") {
      if (list !== jsonFormat) {
        problems.push({ file, field: "format", code: "INVALID_VALUE", message: `must be "${jsonFormat}"` });
      }
      continue;
    }
    if (!entityNames.includes(name as EntityName)) {
      problems.push({ file, field: name, code: "UNKNOWN_FIELD", message: "unknown entity" });
      continue;
    }
    if (list == null) continue;
    if (!Array.isArray(list)) {
      problems.push({ file, field: name, code: "WRONG_TYPE", message: "must be a list of records" });
      continue;
    }
    raw[name as EntityName] = list.map((item, i) => ({ file: `${file}#${name}`, record: i + 1, raw: item }));
  }
  return raw;
}
