/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { gql, keyFor } from "../writes/support.ts";

// The index result cache (src/indices/cache.ts) over HTTP: a cached result is served, a committed
// write (through the API of either instance) is seen by the next read on both, identical concurrent
// requests share one computation. Two servers = two instances with their own caches on one database.

const CONCENTRATION = (asOf: string) =>
  `{ concentration(dimension: COUNTRY, measure: CAPACITY_MW, asOf: "${asOf}") { coverage { rowsInScope } } }`;

async function rowsInScope(url: string, asOf = "2025-06-30"): Promise<number> {
  const r = await gql(url, CONCENTRATION(asOf));
  expect(r.body.errors).toBeUndefined();
  return r.body.data.concentration.coverage.rowsInScope;
}

async function cacheLookups(url: string, outcome: "hit" | "miss"): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split("\n")
    .find((l) =>
      l.startsWith(`hyperscope_index_cache_lookups_total{index="concentration",outcome="${outcome}"}`),
    );
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe(`index result cache (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let a: RunningServer;
  let b: RunningServer;
  let uncached: RunningServer;
  let editor: string;
  let n = 0;
  const operationalFacility = (slug: string) => ({
    slug,
    name: slug,
    operator: "microsoft",
    country: "US",
    status: "OPERATIONAL",
    operationalOn: "2020-01-01",
    itPowerMw: 10,
    confidence: "REPORTED",
    sources: [{ url: "https://aws.amazon.com/message/41926/" }],
  });

  beforeAll(async () => {
    h = await testDatabase("seeded");
    a = await startServer(h, { settings: { INDEX_CACHE_SIZE: 16 } });
    b = await startServer(h, { settings: { INDEX_CACHE_SIZE: 16 } });
    uncached = await startServer(h, { settings: { INDEX_CACHE_SIZE: 0 } });
    editor = (await keyFor(h.db, "EDITOR")).secret;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop(), uncached?.stop()]);
    await h?.close();
  });

  it("serves a cached result until a write commits, on every instance", async () => {
    const before = await rowsInScope(a.url);
    expect(await rowsInScope(b.url)).toBe(before);

    // A row written with the triggers off (session_replication_role = replica) leaves the data version
    // as it was: the instances keep answering from their caches, a computation sees the new row.
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`insert into facilities (slug, name, operator_id, country, status, operational_on, it_power_mw, confidence)
        select 'cache-test-hidden', 'hidden', v.id, 'US', 'OPERATIONAL', '2020-01-01', 10, 'REPORTED' from vendors v where v.slug = 'microsoft'`);
    });
    const hitsBefore = await cacheLookups(a.url, "hit");
    expect(await rowsInScope(a.url)).toBe(before);
    expect(await rowsInScope(b.url)).toBe(before);
    expect(await cacheLookups(a.url, "hit")).toBe(hitsBefore + 2);
    expect(await rowsInScope(uncached.url)).toBe(before + 1);

    // A write through instance B's API bumps the version: both instances recompute.
    const created = await gql(
      b.url,
      `mutation($input: FacilityInput!) { createFacility(input: $input) { facility { id } userErrors { message } } }`,
      { input: operationalFacility(`cache-test-${++n}`) },
      editor,
    );
    expect(created.body.data.createFacility.userErrors).toEqual([]);
    expect(await rowsInScope(a.url)).toBe(before + 2);
    expect(await rowsInScope(b.url)).toBe(before + 2);

    // A plain SQL write counts too (any session, any instance).
    await h.db.execute(sql`delete from facilities where slug = 'cache-test-hidden'`);
    expect(await rowsInScope(a.url)).toBe(before + 1);
  });

  it("shares one computation between identical concurrent requests", async () => {
    const misses = await cacheLookups(a.url, "miss");
    const hits = await cacheLookups(a.url, "hit");
    const answers = await Promise.all(Array.from({ length: 5 }, () => rowsInScope(a.url, "2024-02-29")));
    expect(new Set(answers).size).toBe(1);
    expect(await cacheLookups(a.url, "miss")).toBe(misses + 1);
    expect(await cacheLookups(a.url, "hit")).toBe(hits + 4);
  });
});
