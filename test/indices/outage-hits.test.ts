/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { hitCounts, hitWeight, outageTotalsAt } from "../../src/indices/risk/base.ts";
import { seedSynthetic } from "../../src/synthetic/index.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { gql, keyFor } from "../writes/support.ts";

// outage_facility_hits and outage_vendor_hits (migration 0006) are maintained by triggers; after every
// write they must equal a recomputation from outage_impacts ⋈ outages (⋈ facilities for operators),
// and the totals over them (migration 0007) a recomputation from the hits.

const RECOMPUTED = {
  outage_facility_hits: sql`select distinct i.facility_id, i.outage_id, o.severity, o.started_at
    from outage_impacts i join outages o on o.id = i.outage_id where i.facility_id is not null`,
  outage_vendor_hits: sql`select distinct v.vendor_id, i.outage_id, o.severity, o.started_at
    from outage_impacts i join outages o on o.id = i.outage_id left join facilities f on f.id = i.facility_id
    cross join lateral (values (i.vendor_id), (f.operator_id)) v(vendor_id) where v.vendor_id is not null`,
};

// outage_facility_totals and outage_vendor_totals (migration 0007), maintained by triggers on the hit
// tables: per subject the hit count and Σ severity/5 · 2^(days from 2000-01-01 to the UTC start day / 365).
const TOTALS = {
  outage_facility_totals: { hits: "outage_facility_hits", key: "facility_id" },
  outage_vendor_totals: { hits: "outage_vendor_hits", key: "vendor_id" },
};

/** Rows the summary lacks and rows it has too many, against a recomputation, per table (totals: sums within 1e-9). */
async function drift(h: DatabaseHandle) {
  const out: Record<string, { missing: number; extra: number; rows: number }> = {};
  for (const [table, { hits, key }] of Object.entries(TOTALS)) {
    const [t, hi, k] = [sql.identifier(table), sql.identifier(hits), sql.identifier(key)];
    const [row] = await queryRows<{ missing: number; extra: number; rows: number }>(
      h.db,
      sql`with r as (
          select h.${k} as id, count(*)::int as hits,
            sum(h.severity::float8 / 5 * power(2::float8, ((h.started_at at time zone 'UTC')::date - date '2000-01-01') / 365.0)) as w
          from ${hi} h group by h.${k}
        )
        select (select count(*)::int from r left join ${t} t on t.${k} = r.id
            where t.hits is distinct from r.hits or abs(t.weight_sum - r.w) > 1e-9 * greatest(1, abs(r.w))) as missing,
          (select count(*)::int from ${t} t where not exists (select 1 from r where r.id = t.${k})) as extra,
          (select count(*)::int from ${t}) as rows`,
    );
    out[table] = row as { missing: number; extra: number; rows: number };
  }
  for (const [table, recomputed] of Object.entries(RECOMPUTED)) {
    const t = sql.identifier(table);
    const [row] = await queryRows<{ missing: number; extra: number; rows: number }>(
      h.db,
      sql`select (select count(*)::int from (${recomputed} except select * from ${t}) x) as missing,
        (select count(*)::int from (select * from ${t} except ${recomputed}) x) as extra,
        (select count(*)::int from ${t}) as rows`,
    );
    out[table] = row as { missing: number; extra: number; rows: number };
  }
  return out;
}

const inSync = (d: Awaited<ReturnType<typeof drift>>) =>
  Object.fromEntries(Object.entries(d).map(([t, v]) => [t, { missing: v.missing, extra: v.extra }]));
const SYNCED = {
  outage_facility_totals: { missing: 0, extra: 0 },
  outage_vendor_totals: { missing: 0, extra: 0 },
  outage_facility_hits: { missing: 0, extra: 0 },
  outage_vendor_hits: { missing: 0, extra: 0 },
};

/**
 * Subjects whose sum of outage weights at each date, as the risk index reads it from the totals
 * (outageTotalsAt), differs from the sum over their hits started by then (formulas.ts outageWeight).
 */
async function totalsAtDrift(h: DatabaseHandle, dates: string[]) {
  let differing = 0;
  let subjects = 0;
  for (const day of dates) {
    const at = sql`${day}::date`;
    for (const [table, { hits, key }] of Object.entries(TOTALS)) {
      const [row] = await queryRows<{ differing: number; subjects: number }>(
        h.db,
        sql`with viaTotals as (${outageTotalsAt(table, hits, key, at)}),
          direct as (select h.${sql.identifier(key)} as id, sum(${hitWeight("h", at)}) as total
            from ${sql.identifier(hits)} h where ${hitCounts("h", at)} group by 1)
          select count(*) filter (where d.total is null or t.total is null
              or abs(d.total - t.total) > 1e-9 * greatest(1, abs(d.total)))::int as differing,
            count(*)::int as subjects
          from direct d full join viaTotals t on t.${sql.identifier(key)} = d.id`,
      );
      differing += Number(row?.differing);
      subjects += Number(row?.subjects);
    }
  }
  return { differing, subjects };
}
const DATES = ["2015-06-01", "2023-05-05", "2024-03-01", "2025-01-01", "2025-06-30", "2030-01-01"];

async function vendorHits(h: DatabaseHandle, outageSlug: string) {
  const rows = await queryRows<{ slug: string; severity: number }>(
    h.db,
    sql`select v.slug, h.severity from outage_vendor_hits h join vendors v on v.id = h.vendor_id
      join outages o on o.id = h.outage_id where o.slug = ${outageSlug} order by v.slug`,
  );
  return rows.map((r) => `${r.slug}:${r.severity}`);
}

describe(`outage hit summaries stay equal to a recomputation (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let server: RunningServer;
  let secret: string;
  const run = async (query: string, variables: Record<string, unknown>) => {
    const r = await gql(server.url, query, variables, secret);
    expect(r.body.errors).toBeUndefined();
    const payload = Object.values(r.body.data)[0] as any;
    expect(payload.userErrors).toEqual([]);
    return payload;
  };
  const source = [{ url: "https://aws.amazon.com/message/41926/" }];

  beforeAll(async () => {
    h = await testDatabase("seeded");
    server = await startServer(h);
    secret = (await keyFor(h.db, "EDITOR")).secret;
  });
  afterAll(async () => {
    await server?.stop();
    await h?.close();
  });

  it("after the curated seed", async () => {
    const d = await drift(h);
    expect(inSync(d)).toEqual(SYNCED);
    expect(d.outage_vendor_hits?.rows).toBeGreaterThan(0);
    expect(d.outage_facility_totals?.rows).toBeGreaterThan(0);
    const at = await totalsAtDrift(h, DATES);
    expect(at.differing).toBe(0);
    expect(at.subjects).toBeGreaterThan(0);
  });

  it("after creating, updating and deleting outages, impacts and a facility's operator through the API", async () => {
    const facility = await run(
      `mutation($input: FacilityInput!) { createFacility(input: $input) { facility { id updatedAt } userErrors { field message code } } }`,
      {
        input: {
          slug: "hits-test-dc",
          name: "Hits test DC",
          operator: "microsoft",
          country: "US",
          status: "OPERATIONAL",
          confidence: "REPORTED",
          sources: source,
        },
      },
    );
    const created = await run(
      `mutation($input: OutageInput!) { createOutage(input: $input) { outage { id updatedAt } userErrors { field message code } } }`,
      {
        input: {
          slug: "hits-test-outage",
          title: "Hits test outage",
          startedAt: "2025-01-01T00:00:00Z",
          severity: 3,
          cause: "POWER",
          impacts: [{ vendor: "aws" }, { facility: "hits-test-dc" }, { region: "us-east-1" }],
          confidence: "REPORTED",
          sources: source,
        },
      },
    );
    expect(inSync(await drift(h))).toEqual(SYNCED);
    expect(await vendorHits(h, "hits-test-outage")).toEqual(["aws:3", "microsoft:3"]);

    // Severity and start are copied into the summaries; the impacts are replaced.
    const updated = await run(
      `mutation($id: ID!, $at: DateTime!, $input: OutageInput!) { updateOutage(id: $id, expectedUpdatedAt: $at, input: $input) { outage { id updatedAt } userErrors { field message code } } }`,
      {
        id: created.outage.id,
        at: created.outage.updatedAt,
        input: { severity: 5, startedAt: "2024-03-01T00:00:00Z", impacts: [{ facility: "hits-test-dc" }] },
      },
    );
    expect(inSync(await drift(h))).toEqual(SYNCED);
    expect((await totalsAtDrift(h, DATES)).differing).toBe(0);
    expect(await vendorHits(h, "hits-test-outage")).toEqual(["microsoft:5"]);

    // A new operator takes over the facility's outages.
    await run(
      `mutation($id: ID!, $at: DateTime!, $input: FacilityInput!) { updateFacility(id: $id, expectedUpdatedAt: $at, input: $input) { facility { id updatedAt } userErrors { field message code } } }`,
      { id: facility.facility.id, at: facility.facility.updatedAt, input: { operator: "aws" } },
    );
    expect(inSync(await drift(h))).toEqual(SYNCED);
    expect(await vendorHits(h, "hits-test-outage")).toEqual(["aws:5"]);

    await run(
      `mutation($id: ID!, $at: DateTime!) { deleteOutage(id: $id, expectedUpdatedAt: $at) { deletedId userErrors { field message code } } }`,
      { id: updated.outage.id, at: updated.outage.updatedAt },
    );
    expect(inSync(await drift(h))).toEqual(SYNCED);
    expect(await vendorHits(h, "hits-test-outage")).toEqual([]);
  });

  it("after SQL writes: a multi-row insert, a cascading facility delete, a truncate", async () => {
    const [o] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into outages (slug, title, started_at, severity, cause, confidence)
        values ('hits-sql-outage', 'SQL outage', '2023-05-05T12:00:00Z', 2, 'COOLING', 'REPORTED') returning id`,
    );
    const [f] = await queryRows<{ id: number }>(
      h.db,
      sql`insert into facilities (slug, name, operator_id, country, status, confidence)
        select 'hits-sql-dc', 'SQL DC', v.id, 'DE', 'OPERATIONAL', 'REPORTED' from vendors v where v.slug = 'microsoft' returning id`,
    );
    await queryRows(
      h.db,
      sql`insert into outage_impacts (outage_id, facility_id, vendor_id)
        select ${o?.id}::int, ${f?.id}::int, null::int union all select ${o?.id}::int, ${f?.id}::int, v.id from vendors v where v.slug = 'nvidia' returning id`,
    );
    expect(inSync(await drift(h))).toEqual(SYNCED);
    expect((await totalsAtDrift(h, DATES)).differing).toBe(0);
    expect(await vendorHits(h, "hits-sql-outage")).toEqual(["microsoft:2", "nvidia:2"]);

    await queryRows(h.db, sql`delete from facilities where id = ${f?.id} returning id`);
    expect(inSync(await drift(h))).toEqual(SYNCED);
    expect(await vendorHits(h, "hits-sql-outage")).toEqual([]);

    await h.db.execute(sql`truncate outage_impacts`);
    const d = await drift(h);
    expect(inSync(d)).toEqual(SYNCED);
    expect(d.outage_facility_hits?.rows).toBe(0);
    expect(d.outage_facility_totals?.rows).toBe(0);
    expect(d.outage_vendor_totals?.rows).toBe(0);
  });
});

describe(`outage hit summaries after a synthetic load (COPY) (${testBackend()})`, () => {
  it("equal a recomputation", async () => {
    const h = await testDatabase("empty");
    try {
      await seedSynthetic(h, { scale: 0.001, seed: 5 });
      const d = await drift(h);
      expect(inSync(d)).toEqual(SYNCED);
      expect(d.outage_facility_hits?.rows).toBeGreaterThan(0);
      expect(d.outage_vendor_hits?.rows).toBeGreaterThan(0);
      expect(d.outage_vendor_totals?.rows).toBeGreaterThan(0);
      const at = await totalsAtDrift(h, DATES);
      expect(at.differing).toBe(0);
      expect(at.subjects).toBeGreaterThan(0);
    } finally {
      await h.close();
    }
  });
});
