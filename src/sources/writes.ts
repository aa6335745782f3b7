import { citationTables, sources } from "../../schema/db/index.ts";
import { type SourceRecord, sourceRecord } from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";

/** How sources are written (src/writes/facts.ts): unique by URL; a source still cited cannot be deleted. */
export const sourceWrites: WriteSpec<SourceRecord> = {
  type: "Source",
  table: sources,
  cited: null,
  record: sourceRecord,
  toRow: async (rec) => ({ ...rec }),
  toRecord: async (_db, row) => plainFields(row),
  naturalKey: [{ field: "url", key: "url" }],
  referencedBy: Object.values(citationTables).map((t) => ({ table: t, column: t.sourceId })),
};
