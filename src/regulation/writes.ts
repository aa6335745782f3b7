import { eq } from "drizzle-orm";
import { regulatoryEventSubjects, regulatoryEvents } from "../../schema/db/index.ts";
import { type RegulatoryEventRecord, regulatoryEventRecord } from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";
import { userError, WriteRefused } from "../writes/user-errors.ts";

/**
 * How regulatory events are written (src/writes/facts.ts): unique by slug; the vendors and
 * facilities it names (by slug) are replaced whole with the event.
 */
export const regulatoryEventWrites: WriteSpec<RegulatoryEventRecord> = {
  type: "RegulatoryEvent",
  table: regulatoryEvents,
  cited: "regulatoryEvent",
  record: regulatoryEventRecord,
  toRow: async ({ subjects: _j, sources: _s, ...rest }) => rest,
  toRecord: async (_db, row) => plainFields(row),
  naturalKey: [{ field: "slug", key: "slug" }],
  children: {
    table: regulatoryEventSubjects,
    parentKey: "eventId",
    rows: async (rec, refs) => {
      const rows: Record<string, unknown>[] = [];
      for (const kind of ["vendors", "facilities"] as const) {
        const slugs = rec.subjects?.[kind] ?? [];
        const seen = new Set<string>();
        for (const [i, slug] of slugs.entries()) {
          const field = ["input", "subjects", kind, String(i)];
          if (seen.has(slug))
            throw new WriteRefused([userError(field, "DUPLICATE", `"${slug}" is named twice`)]);
          seen.add(slug);
          const id = await refs.id(kind, slug, field);
          rows.push(
            kind === "vendors" ? { vendorId: id, facilityId: null } : { vendorId: null, facilityId: id },
          );
        }
      }
      return rows;
    },
    read: async (db, id) => {
      const rows = await db
        .select()
        .from(regulatoryEventSubjects)
        .where(eq(regulatoryEventSubjects.eventId, id))
        .orderBy(regulatoryEventSubjects.id);
      const vendors: string[] = [];
      const facilities: string[] = [];
      for (const r of rows) {
        if (r.vendorId != null) vendors.push((await slugOf(db, "vendors", r.vendorId)) as string);
        if (r.facilityId != null) facilities.push((await slugOf(db, "facilities", r.facilityId)) as string);
      }
      return { subjects: { vendors, facilities } };
    },
  },
  referencedBy: [],
};
