import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getTableName, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { SeedError, seedCurated } from "../../src/seed/curated.ts";
import { curatedTables } from "../../src/seed/write.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { edit, fixtureCopy, snapshot } from "./fixture.ts";

const tables = curatedTables.map((t) => getTableName(t));

const phases = (dir: string, yaml: string) => {
  mkdirSync(join(dir, "capacity-phases"), { recursive: true });
  writeFileSync(join(dir, "capacity-phases", "phases.yaml"), yaml);
};

const phase = (date: string, extra = "itPowerMw: 10") =>
  `- { facility: acme-east-1, effectiveOn: ${date}, ${extra}, status: OPERATIONAL, confidence: CONFIRMED, sources: [https://example.org/news] }\n`;

describe(`seed loader: capacity phases, facility power, roll-up cycles (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  const refused = async (dir: string) => {
    const before = await snapshot(h.db, tables);
    const error = await seedCurated(h.db, { dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeedError);
    expect(await snapshot(h.db, tables)).toEqual(before);
    return (error as SeedError).message;
  };

  it("loads phases with their citations and facility power", async () => {
    const dir = fixtureCopy();
    phases(dir, phase("2023-01-01") + phase("2024-01-01", "facilityPowerMw: 60"));
    edit(dir, "facilities/us.yaml", (t) =>
      t.replace("  itPowerMw: 120\n", "  itPowerMw: 120\n  facilityPowerMw: 150\n"),
    );
    const { counts } = await seedCurated(h.db, { dir });
    expect(counts.capacity_phases).toBe(2);
    expect(counts.capacity_phase_citations).toBe(2);
    const rows = await queryRows<{ mw: number }>(
      h.db,
      sql`select facility_power_mw as mw from facilities where slug = 'acme-east-1'`,
    );
    expect(Number(rows[0]?.mw)).toBe(150);
  });

  it("refuses phases out of date order, naming the file, record and field", async () => {
    const dir = fixtureCopy();
    phases(dir, phase("2024-01-01") + phase("2023-01-01"));
    const message = await refused(dir);
    expect(message).toMatch(
      /capacity-phases\/phases\.yaml: record 2 .*field "effectiveOn": out of date order/,
    );
  });

  it("refuses two phases of one facility on the same date (overlap)", async () => {
    const dir = fixtureCopy();
    phases(dir, phase("2024-01-01") + phase("2024-01-01", "itPowerMw: 20"));
    expect(await refused(dir)).toMatch(/record 2 .*field "effectiveOn": overlaps the phase of record 1/);
  });

  it("refuses a phase with no MW and an ESTIMATED figure without its method", async () => {
    const dir = fixtureCopy();
    phases(
      dir,
      `- { facility: acme-east-1, effectiveOn: 2024-01-01, status: OPERATIONAL, confidence: CONFIRMED, sources: [https://example.org/news] }\n` +
        `- { facility: acme-east-1, effectiveOn: 2025-01-01, itPowerMw: 5, status: OPERATIONAL, confidence: ESTIMATED, sources: [https://example.org/news] }\n`,
    );
    const message = await refused(dir);
    expect(message).toMatch(/record 1 .*field "itPowerMw": itPowerMw or facilityPowerMw is required/);
    expect(message).toMatch(/record 2 .*field "note": an ESTIMATED figure needs its method/);
  });

  it("refuses a roll-up cycle (a vendor its own ancestor)", async () => {
    const dir = fixtureCopy();
    edit(dir, "vendors/vendors.yaml", (t) =>
      t.replace("- slug: acme-holdings\n", "- slug: acme-holdings\n  parent: acme-cloud\n"),
    );
    expect(await refused(dir)).toMatch(
      /vendors\.yaml: record 1 \(acme-holdings\): field "parent": parent chain .* is a cycle/,
    );
  });
});
