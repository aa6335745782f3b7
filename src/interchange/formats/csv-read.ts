import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { RawCatalogue } from "../../seed/catalogue.ts";
import type { SeedProblem } from "../../seed/errors.ts";
import { displayPath, type RawRecord } from "../../seed/files.ts";
import { entityNames, folderOf } from "../entities.ts";
import { cellKinds, csvFileOf } from "./csv.ts";

const numberPattern = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A cell back to a field value (the inverse of csv.ts's cell()): empty is left out; number,
 * boolean and JSON cells are converted when they parse, otherwise kept as text so that validation
 * reports the wrong type for that field.
 */
function fieldValue(field: string, cell: string): unknown {
  if (cell === "") return undefined;
  switch (cellKinds[field]) {
    case "number":
      return numberPattern.test(cell.trim()) ? Number(cell) : cell;
    case "boolean":
      return cell === "true" ? true : cell === "false" ? false : cell;
    case "json":
      try {
        return JSON.parse(cell);
      } catch {
        return cell;
      }
    default:
      return cell;
  }
}

/** One CSV file's records, each with its 1-based line; problems if it does not parse. */
function readCsvFile(path: string, problems: SeedProblem[]): RawRecord[] {
  const file = displayPath(path);
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(readFileSync(path, "utf8"), {
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
    }) as typeof rows;
  } catch (error) {
    const e = error as Error & { lines?: number };
    problems.push({
      file,
      ...(e.lines !== undefined ? { line: e.lines } : {}),
      code: "INVALID_SYNTAX",
      message: `invalid CSV: ${e.message.split("\n")[0]}`,
    });
    return [];
  }
  return rows.map(({ record, info }, i) => {
    const raw: Record<string, unknown> = {};
    for (const [field, cell] of Object.entries(record)) {
      const v = fieldValue(field, cell);
      if (v !== undefined) raw[field] = v;
    }
    return { file, record: i + 1, line: info.lines, raw };
  });
}

/** Reads a CSV export folder: `<entity folder name>.csv` per entity; another .csv file is a problem. */
export function readCsvFolder(dir: string, problems: SeedProblem[]): RawCatalogue {
  const known = new Set(entityNames.map((e) => `${folderOf(e)}.csv`));
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()) {
    if (!known.has(name)) {
      problems.push({
        file: displayPath(join(dir, name)),
        code: "UNKNOWN_FIELD",
        message: `unknown file (expected ${[...known].join(", ")})`,
      });
    }
  }
  return Object.fromEntries(
    entityNames.map((e) => {
      const path = csvFileOf(dir, folderOf(e));
      return [e, existsSync(path) ? readCsvFile(path, problems) : []];
    }),
  ) as unknown as RawCatalogue;
}
