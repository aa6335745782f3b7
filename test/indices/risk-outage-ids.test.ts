import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { getRiskScores, type RiskScore } from "../../src/indices/risk/index.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { facility, outage, vendor } from "./fixtures.ts";

const AS_OF = "2024-06-30";

const outageHistory = (s: RiskScore | undefined) =>
  s?.components.find((c) => c.component === "OUTAGE_HISTORY");

// Outage weights are looked up by outage id; deleted outages leave gaps in the ids.
describe(`risk outage history with gaps in outage ids (${testBackend()})`, () => {
  let h: DatabaseHandle;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    h = await testDatabase("empty");
    ids.x = await vendor(h.db);
    ids.a = await facility(h.db, { operatorId: ids.x, operationalOn: "2020-01-01", itPowerMw: 10 });
    ids.b = await facility(h.db, { operatorId: ids.x, operationalOn: "2020-01-01", itPowerMw: 10 });
    // On asOf: severity 1 → 0.2, severity 2 → 0.4; the outages between them are deleted.
    ids.o1 = await outage(h.db, "2024-06-30T10:00:00Z", 1, { facilityId: ids.a });
    const gone1 = await outage(h.db, "2024-06-30T10:00:00Z", 5, { facilityId: ids.a });
    const gone2 = await outage(h.db, "2024-06-30T10:00:00Z", 5, { facilityId: ids.b });
    ids.o2 = await outage(h.db, "2024-06-30T10:00:00Z", 2, { facilityId: ids.a });
    await queryRows(h.db, sql`delete from outages where id in (${gone1}, ${gone2}) returning id`);
  });
  afterAll(() => h.close());

  it("sums the weights of the outages that remain, after the gap too", async () => {
    const r = await getRiskScores(h.db, { subject: "FACILITY", asOf: AS_OF });
    const a = r.items.find((i) => i.subject.id === String(ids.a));
    expect(outageHistory(a)?.value).toBeCloseTo(0.6, 12);
    expect(outageHistory(a)?.evidence).toEqual([
      { kind: "OUTAGE", id: String(ids.o2) },
      { kind: "OUTAGE", id: String(ids.o1) },
    ]);
    const b = r.items.find((i) => i.subject.id === String(ids.b));
    expect(outageHistory(b)?.value).toBe(0);
    expect(outageHistory(b)?.note).toMatch(/no outage on record/);

    const v = await getRiskScores(h.db, { subject: "VENDOR", asOf: AS_OF, filter: { ids: [String(ids.x)] } });
    expect(outageHistory(v.items[0])?.value).toBeCloseTo(0.6, 12);
    expect(outageHistory(v.items[0])?.evidenceCount).toBe(2);
  });
});
