import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/rows.ts";
import { canonicalRecord } from "./canonical.ts";
import { type EntityName, entityNames } from "./entities.ts";
import { csvSink } from "./formats/csv.ts";
import { jsonSink } from "./formats/json.ts";
import { yamlSink } from "./formats/yaml.ts";
import { exportQuery } from "./queries.ts";
import type { RecordSink } from "./sink.ts";

export const exportFormats = ["json", "csv", "yaml"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Rows fetched per round trip: bounds the memory an export holds whatever the database size. */
const batchSize = 1_000;

/**
 * Calls `onRecord` with every record of `entity` in canonical form and natural-key order, read
 * through a server-side cursor `batchSize` rows at a time (the same on both backends), so memory
 * holds one batch whatever the table size. Call inside a transaction.
 */
export async function streamEntity(
  tx: Database,
  entity: EntityName,
  onRecord: (record: Record<string, unknown>) => Promise<void> | void,
): Promise<number> {
  let n = 0;
  await tx.execute(sql`declare interchange_export no scroll cursor for ${exportQuery(entity)}`);
  for (;;) {
    const rows = await queryRows<{ r: string }>(
      tx,
      sql.raw(`fetch forward ${batchSize} from interchange_export`),
    );
    for (const row of rows) {
      await onRecord(canonicalRecord(entity, JSON.parse(row.r)));
      n++;
    }
    if (rows.length < batchSize) break;
  }
  await tx.execute(sql`close interchange_export`);
  return n;
}

/**
 * Streams every curated record of the database to `sink`, entity by entity in dependency order and
 * each entity in natural-key order (streamEntity), from one read-only repeatable-read transaction
 * (a consistent snapshot). Returns the record count per entity.
 */
export async function exportRecords(db: Database, sink: RecordSink): Promise<Record<EntityName, number>> {
  const counts = {} as Record<EntityName, number>;
  await db.transaction(
    async (tx) => {
      const t = tx as unknown as Database;
      for (const entity of entityNames) {
        await sink.begin(entity);
        counts[entity] = await streamEntity(t, entity, (record) => sink.record(entity, record));
        await sink.end(entity);
      }
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  await sink.close();
  return counts;
}

/** Exports the database in `format` to `path`: a file for json, a folder for csv and yaml. */
export function exportTo(db: Database, format: ExportFormat, path: string) {
  const sink = format === "json" ? jsonSink(path) : format === "csv" ? csvSink(path) : yamlSink(path);
  return exportRecords(db, sink);
}

export const isExportFormat = (value: unknown): value is ExportFormat =>
  exportFormats.includes(value as ExportFormat);
