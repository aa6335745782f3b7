import type { Database } from "../db/client.ts";
import { SeedError, type SeedProblem } from "../seed/errors.ts";
import { type EntityCounts, importRecords } from "./import.ts";
import { readImportText } from "./read.ts";

/** The largest document importFacts accepts (UTF-8 bytes); larger ones are refused unparsed. */
export const maxImportDocumentBytes = 1024 * 1024;

/** How a document names itself in problems (`document#facilities`). */
const label = "document";

export interface DocumentImport {
  format: "JSON" | "YAML";
  document: string;
  dryRun?: boolean | null;
}

export interface DocumentProblem {
  field: string[] | null;
  message: string;
  code: NonNullable<SeedProblem["code"]>;
  entity: string | null;
  record: number | null;
  key: string | null;
}

export interface DocumentImportResult {
  dryRun: boolean;
  applied: boolean;
  counts: (EntityCounts & { entity: string })[];
  userErrors: DocumentProblem[];
}

/** `impacts[0].vendor` → ["impacts", "0", "vendor"]. */
const pathOf = (field: string) => field.split(/[.[\]]+/).filter((p) => p !== "");

/** A problem of the document as a userError: the path is entity, record index, then the field. */
export function documentProblem(p: SeedProblem): DocumentProblem {
  const entity = p.file.includes("#") ? (p.file.split("#")[1] ?? null) : null;
  const inRecord = entity != null && p.record !== undefined;
  const field = inRecord
    ? [entity, String(p.record), ...pathOf(p.field ?? "")]
    : p.field
      ? pathOf(p.field)
      : ["document"];
  const where = p.key ? `${entity} ${p.key}: ` : "";
  return {
    field,
    message: `${where}${p.field ? `${p.field} ` : ""}${p.message}`,
    code: p.code ?? "INVALID_VALUE",
    entity,
    record: p.record ?? null,
    key: p.key ?? null,
  };
}

/**
 * Imports one JSON or YAML document (the importFacts mutation) as `actor`: the same checks, write
 * path and audit as `hyperscope import`. Problems are returned as userErrors (nothing written),
 * never thrown; other errors (database down) are thrown.
 */
export async function importDocument(
  db: Database,
  input: DocumentImport,
  actor: string,
): Promise<DocumentImportResult> {
  const dryRun = input.dryRun ?? false;
  try {
    const read = readImportText(
      input.document,
      input.format === "JSON" ? "json" : "yaml",
      label,
      maxImportDocumentBytes,
    );
    const result = await importRecords(db, read, { actor, dryRun, label });
    return {
      dryRun,
      applied: !dryRun,
      counts: Object.entries(result.counts).map(([entity, c]) => ({ entity, ...c })),
      userErrors: [],
    };
  } catch (error) {
    if (!(error instanceof SeedError)) throw error;
    return { dryRun, applied: false, counts: [], userErrors: error.problems.map(documentProblem) };
  }
}
