import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { plannedCounts, SYNTHETIC_SOURCE, seedSynthetic } from "../../src/synthetic/index.ts";
import { CITATION_TABLES } from "../../src/synthetic/load.ts";
import { testBackend, testDatabase } from "../support/database.ts";

const SCALE = 0.002;

describe(`synthetic data set (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let loaded: Record<string, number>;
  const one = async <T extends Record<string, unknown>>(text: string) => {
    const [row] = await queryRows<T>(h.db, sql.raw(text));
    return row as T;
  };

  beforeAll(async () => {
    h = await testDatabase("empty");
    loaded = await seedSynthetic(h, { scale: SCALE, seed: 3 });
  });
  afterAll(() => h.close());

  it("loads the planned number of rows, and the derived tables in proportion", async () => {
    const planned = plannedCounts(SCALE);
    expect(loaded.vendors).toBe(planned.vendors);
    expect(loaded.chips).toBe(planned.chips);
    expect(loaded.facilities).toBe(planned.facilities);
    expect(loaded.outages).toBe(planned.outages);
    expect(loaded.regulatory_events).toBe(planned.regulatoryEvents);
    expect(loaded.models).toBe(planned.models);
    // About five impacts per outage (1..9 each).
    const perOutage = (loaded.outage_impacts as number) / planned.outages;
    expect(perOutage).toBeGreaterThan(4);
    expect(perOutage).toBeLessThan(6);
    // Several deployments per facility in service.
    const { n: inService } = await one<{ n: number }>(
      "select count(*)::int as n from facilities where operational_on is not null",
    );
    expect(loaded.deployments).toBeGreaterThanOrEqual(inService);
    const { n: withHistory } = await one<{ n: number }>(
      "select count(*)::int as n from (select 1 from deployments group by facility_id, chip_id having count(*) > 1) h",
    );
    expect(withHistory).toBeGreaterThan(0);
  });

  it("marks every synthetic fact row ESTIMATED, slugged syn-, and cited by the synthetic source", async () => {
    const { id: sourceId, publisher } = await one<{ id: number; publisher: string }>(
      `select id, publisher from sources where url = '${SYNTHETIC_SOURCE.url}'`,
    );
    expect(publisher).toBe("Hyperscope synthetic generator");
    for (const [table, citations] of Object.entries(CITATION_TABLES)) {
      const row = await one<{ rows: number; uncited: number; not_estimated: number }>(
        `select count(*)::int as rows,
                count(*) filter (where not exists (select 1 from ${citations} c where c.subject_id = t.id and c.source_id = ${sourceId}))::int as uncited,
                count(*) filter (where confidence <> 'ESTIMATED')::int as not_estimated
         from ${table} t`,
      );
      expect(row.rows, table).toBeGreaterThan(0);
      expect(row.uncited, table).toBe(0);
      expect(row.not_estimated, table).toBe(0);
    }
    for (const table of ["vendors", "chips", "facilities", "outages", "regulatory_events", "models"]) {
      const { bad } = await one<{ bad: number }>(
        `select count(*)::int as bad from ${table} where slug not like 'syn-%'`,
      );
      expect(bad, table).toBe(0);
    }
  });

  it("covers every vendor kind, links parents, and spreads facilities over many countries and grids", async () => {
    const kinds = await queryRows<{ kind: string }>(
      h.db,
      sql`select distinct kind::text as kind from vendors`,
    );
    expect(kinds).toHaveLength(8);
    const { parents } = await one<{ parents: number }>(
      "select count(*)::int as parents from vendors where parent_id is not null",
    );
    expect(parents).toBeGreaterThan(0);
    const geo = await one<{ countries: number; grids: number; statuses: number; subdivided: number }>(
      `select count(distinct country)::int as countries, count(distinct grid_region)::int as grids,
              count(distinct status)::int as statuses,
              count(*) filter (where subdivision is null)::int as subdivided from facilities`,
    );
    expect(geo.countries).toBeGreaterThanOrEqual(15);
    expect(geo.grids).toBeGreaterThanOrEqual(15);
    expect(geo.statuses).toBe(5);
    expect(geo.subdivided).toBe(0);
    // Only facilities that entered service carry an operational date.
    const { incoherent } = await one<{ incoherent: number }>(
      `select count(*)::int as incoherent from facilities
       where (operational_on is not null) <> (status in ('OPERATIONAL', 'DECOMMISSIONED'))
          or (decommissioned_on is not null) <> (status = 'DECOMMISSIONED')`,
    );
    expect(incoherent).toBe(0);
  });

  it("keeps reported market shares per segment and period at or below 1", async () => {
    const { periods, max_sum } = await one<{ periods: number; max_sum: number }>(
      `select count(*)::int as periods, max(s) as max_sum from
         (select sum(share) as s from market_shares group by segment, period_start, period_end) p`,
    );
    expect(periods).toBeGreaterThan(10);
    expect(max_sum).toBeLessThanOrEqual(1);
  });

  it("builds a dependency graph with depth >= 5, cycles, and weights per need summing to <= 1", async () => {
    const { max_sum } = await one<{ max_sum: number }>(
      "select max(s) as max_sum from (select sum(weight) as s from dependencies group by dependent_id, kind) w",
    );
    expect(max_sum).toBeLessThanOrEqual(1);
    const { depth } = await one<{ depth: number }>(
      `with recursive walk(vendor, depth, path) as (
         select dependent_id, 1, array[dependent_id, provider_vendor_id]
         from dependencies where provider_vendor_id is not null
         union all
         select w.vendor, w.depth + 1, w.path || d.provider_vendor_id
         from walk w join dependencies d on d.dependent_id = w.path[array_length(w.path, 1)]
         where d.provider_vendor_id is not null and not d.provider_vendor_id = any(w.path) and w.depth < 8
       ) select max(depth)::int as depth from walk`,
    );
    expect(depth).toBeGreaterThanOrEqual(5);
    const { cycles } = await one<{ cycles: number }>(
      `select count(*)::int as cycles from dependencies a join dependencies b
         on a.provider_vendor_id = b.dependent_id and b.provider_vendor_id = a.dependent_id`,
    );
    expect(cycles).toBeGreaterThan(0);
  });

  it("scales the table sizes with N", { timeout: 120_000 }, async () => {
    const bigger = await testDatabase("empty");
    try {
      const doubled = await seedSynthetic(bigger, { scale: SCALE * 2, seed: 3 });
      for (const table of ["facilities", "outages", "regulatory_events", "outage_impacts", "deployments"]) {
        const ratio = (doubled[table] as number) / (loaded[table] as number);
        expect(ratio, table).toBeGreaterThan(1.7);
        expect(ratio, table).toBeLessThan(2.3);
      }
    } finally {
      await bigger.close();
    }
  });
});
