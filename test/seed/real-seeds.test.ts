import { getTableName, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citationTables } from "../../schema/db/citations.ts";
import { hardwareClass, regulatoryStage, regulatoryTopic, vendorKind } from "../../schema/db/enums.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { type CuratedSeedResult, seedCurated } from "../../src/seed/curated.ts";
import { testBackend, testDatabase } from "../support/database.ts";

// The curated seeds/ folder: it must load, every fact must cite a source, and it must be big and
// varied enough for the questions of DESIGN §1 (thresholds from the Foundation issue).

/** The fact table each citation table belongs to. */
const subjectOf: Record<keyof typeof citationTables, string> = {
  vendor: "vendors",
  chip: "chips",
  facility: "facilities",
  deployment: "deployments",
  outage: "outages",
  regulatoryEvent: "regulatory_events",
  disclosure: "disclosures",
  marketShare: "market_shares",
  dependency: "dependencies",
  model: "models",
  capacityPhase: "capacity_phases",
};

describe(`curated seeds/ (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let loaded: Promise<CuratedSeedResult>;
  beforeAll(async () => {
    h = await testDatabase("empty");
    loaded = seedCurated(h.db);
    await loaded.catch(() => {});
  });
  afterAll(() => h.close());

  const values = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ v: string }>(h.db, query)).map((r) => r.v);
  const count = async (query: ReturnType<typeof sql>) =>
    Number((await queryRows<{ n: number }>(h.db, query))[0]?.n ?? 0);

  it("loads without error, and a second load changes nothing", async () => {
    const first = await loaded;
    expect(first.counts.vendors).toBeGreaterThan(0);
    const second = await seedCurated(h.db);
    expect(second.counts).toEqual(first.counts);
    for (const c of Object.values(second.changes)) expect(c).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  });

  it.each(Object.entries(citationTables))("every %s row cites at least one source", async (entity, table) => {
    const subject = subjectOf[entity as keyof typeof citationTables];
    const uncited = await values(
      sql`select s.id::text as v from ${sql.identifier(subject)} s
          where not exists (select 1 from ${sql.identifier(getTableName(table))} c where c.subject_id = s.id)`,
    );
    expect(uncited).toEqual([]);
  });

  it("has at least 25 vendors covering every kind", async () => {
    expect(await count(sql`select count(*)::int as n from vendors`)).toBeGreaterThanOrEqual(25);
    const kinds = await values(sql`select distinct kind::text as v from vendors`);
    expect(kinds.sort()).toEqual([...vendorKind.enumValues].sort());
  });

  it("has at least 20 chips", async () => {
    expect(await count(sql`select count(*)::int as n from chips`)).toBeGreaterThanOrEqual(20);
  });

  it("has at least 40 facilities in 8 or more countries", async () => {
    expect(await count(sql`select count(*)::int as n from facilities`)).toBeGreaterThanOrEqual(40);
    expect(await count(sql`select count(distinct country)::int as n from facilities`)).toBeGreaterThanOrEqual(
      8,
    );
  });

  it("has at least 25 outages, each with an impact", async () => {
    expect(await count(sql`select count(*)::int as n from outages`)).toBeGreaterThanOrEqual(25);
    const without = await values(
      sql`select slug as v from outages o where not exists (select 1 from outage_impacts i where i.outage_id = o.id)`,
    );
    expect(without).toEqual([]);
  });

  it("has at least 40 regulatory events over 10+ jurisdictions covering every topic and stage", async () => {
    expect(await count(sql`select count(*)::int as n from regulatory_events`)).toBeGreaterThanOrEqual(40);
    expect(
      await count(sql`select count(distinct jurisdiction)::int as n from regulatory_events`),
    ).toBeGreaterThanOrEqual(10);
    const topics = await values(sql`select distinct unnest(topics)::text as v from regulatory_events`);
    expect(topics.sort()).toEqual([...regulatoryTopic.enumValues].sort());
    const stages = await values(sql`select distinct stage::text as v from regulatory_events`);
    expect(stages.sort()).toEqual([...regulatoryStage.enumValues].sort());
  });

  it("has disclosures both CLAIMED and REPORTED", async () => {
    const kinds = await values(sql`select distinct kind::text as v from disclosures`);
    expect(kinds).toEqual(expect.arrayContaining(["CLAIMED", "REPORTED"]));
  });

  it("has market shares over 3+ periods for 2+ segments", async () => {
    const segments = await values(
      sql`select segment as v from market_shares group by segment
          having count(distinct (period_start, period_end)) >= 3`,
    );
    expect(segments.length).toBeGreaterThanOrEqual(2);
  });

  it("has at least 10 models, with open-weight ones running on consumer GPUs, laptops and phones", async () => {
    expect(await count(sql`select count(*)::int as n from models`)).toBeGreaterThanOrEqual(10);
    const small = await values(
      sql`select distinct smallest_hardware::text as v from models where open_weights and smallest_hardware is not null`,
    );
    const wanted = hardwareClass.enumValues.filter((c) => ["CONSUMER_GPU", "LAPTOP", "PHONE"].includes(c));
    expect(small).toEqual(expect.arrayContaining(wanted));
  });
});
