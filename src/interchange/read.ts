import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { type RawCatalogue, readRawCatalogue } from "../seed/catalogue.ts";
import { SeedError, type SeedProblem } from "../seed/errors.ts";
import { displayPath } from "../seed/files.ts";
import { entityNames, folderOf } from "./entities.ts";
import { readCsvFolder } from "./formats/csv-read.ts";
import { readDocument } from "./formats/document.ts";

export type ImportFormat = "json" | "csv" | "yaml";

/** The largest input `hyperscope import` reads (all files together); larger inputs are refused unread. */
export const maxImportBytes = 256 * 1024 * 1024;

/** What was read from an import path: its format, the raw records, and problems found reading. */
export interface ReadInput {
  format: ImportFormat;
  raw: RawCatalogue;
  problems: SeedProblem[];
}

const tooLarge = (file: string, bytes: number, limit: number) =>
  new SeedError([
    {
      file,
      code: "TOO_LARGE",
      message: `is ${bytes} bytes; the limit is ${limit} bytes (split the import into several)`,
    },
  ]);

/** Refuses (before anything is parsed) files whose total size is over `limit`. */
function checkSize(label: string, files: string[], limit: number) {
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  if (bytes > limit) throw tooLarge(label, bytes, limit);
}

const yamlFilesIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f))
    : [];

/**
 * Reads an import from `path` in any of the three formats, told apart by the path: a `.json` file
 * (one document), a `.yaml`/`.yml` file (the same document in YAML), a folder of `<entity>.csv`
 * files, or a folder in the seeds/ layout. Throws a SeedError (TOO_LARGE) before parsing when the
 * input is over `limit` bytes, or when the path is none of these.
 */
export function readImportPath(path: string, limit = maxImportBytes): ReadInput {
  const label = displayPath(path);
  if (!existsSync(path))
    throw new SeedError([{ file: label, code: "INVALID_SYNTAX", message: "does not exist" }]);
  if (statSync(path).isFile()) {
    const ext = extname(path).toLowerCase();
    const format = ext === ".json" ? "json" : ext === ".yaml" || ext === ".yml" ? "yaml" : undefined;
    if (!format) {
      throw new SeedError([
        { file: label, code: "INVALID_SYNTAX", message: "must be a .json or .yaml file, or a folder" },
      ]);
    }
    checkSize(label, [path], limit);
    const problems: SeedProblem[] = [];
    const raw = readDocument(readFileSync(path, "utf8"), format, label, problems);
    return { format, raw, problems };
  }
  const entries = readdirSync(path);
  if (entries.some((f) => f.endsWith(".csv"))) {
    checkSize(
      label,
      entries.filter((f) => f.endsWith(".csv")).map((f) => join(path, f)),
      limit,
    );
    const problems: SeedProblem[] = [];
    return { format: "csv", raw: readCsvFolder(path, problems), problems };
  }
  checkSize(
    label,
    entityNames.flatMap((e) => yamlFilesIn(join(path, folderOf(e)))),
    limit,
  );
  const problems: SeedProblem[] = [];
  return { format: "yaml", raw: readRawCatalogue(path, problems), problems };
}

/** Reads an import given as text (the importFacts mutation): a JSON or YAML document. */
export function readImportText(
  text: string,
  format: "json" | "yaml",
  label: string,
  limit: number,
): ReadInput {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > limit) throw tooLarge(label, bytes, limit);
  const problems: SeedProblem[] = [];
  return { format, raw: readDocument(text, format, label, problems), problems };
}
