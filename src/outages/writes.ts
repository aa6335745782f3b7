import { eq } from "drizzle-orm";
import { outageImpacts, outages } from "../../schema/db/index.ts";
import { type OutageRecord, outageRecord } from "../seed/records.ts";
import { plainFields, type WriteSpec } from "../writes/facts.ts";
import { slugOf } from "../writes/references.ts";

/**
 * How outages are written (src/writes/facts.ts): unique by slug; its impacts (vendor and facility
 * by slug, or a region) are replaced whole with the outage.
 */
export const outageWrites: WriteSpec<OutageRecord> = {
  type: "Outage",
  table: outages,
  cited: "outage",
  record: outageRecord,
  toRow: async ({ impacts: _i, sources: _s, startedAt, endedAt, servicesAffected, ...rest }) => ({
    ...rest,
    startedAt: new Date(startedAt),
    endedAt: endedAt == null ? null : new Date(endedAt),
    servicesAffected: servicesAffected ?? [],
  }),
  toRecord: async (_db, row) => ({
    ...plainFields(row, ["startedAt", "endedAt"]),
    startedAt: (row.startedAt as Date).toISOString(),
    endedAt: row.endedAt == null ? null : (row.endedAt as Date).toISOString(),
  }),
  naturalKey: [{ field: "slug", key: "slug" }],
  children: {
    table: outageImpacts,
    parentKey: "outageId",
    rows: async (rec, refs) => {
      const rows: Record<string, unknown>[] = [];
      for (const [i, imp] of rec.impacts.entries()) {
        rows.push({
          vendorId: await refs.maybe("vendors", imp.vendor, ["input", "impacts", i, "vendor"]),
          facilityId: await refs.maybe("facilities", imp.facility, ["input", "impacts", i, "facility"]),
          region: imp.region,
        });
      }
      return rows;
    },
    read: async (db, id) => {
      const rows = await db
        .select()
        .from(outageImpacts)
        .where(eq(outageImpacts.outageId, id))
        .orderBy(outageImpacts.id);
      const impacts = [];
      for (const r of rows) {
        impacts.push({
          vendor: await slugOf(db, "vendors", r.vendorId),
          facility: await slugOf(db, "facilities", r.facilityId),
          region: r.region,
        });
      }
      return { impacts };
    },
  },
  referencedBy: [],
};
