import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { queryRows } from "../src/db/rows.ts";
import { testBackend, testDatabase } from "./support/database.ts";

describe(`migrations (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  it("creates every table of the data model", async () => {
    const rows = await queryRows<{ table_name: string }>(
      h.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const names = rows.map((r) => r.table_name);
    for (const t of [
      "sources",
      "vendors",
      "chips",
      "facilities",
      "deployments",
      "outages",
      "outage_impacts",
      "regulatory_events",
      "regulatory_event_subjects",
      "disclosures",
      "market_shares",
      "dependencies",
      "models",
      "vendor_citations",
      "facility_citations",
      "signals",
      "subscriptions",
      "digests",
      "digest_items",
      "digest_deliveries",
      "api_keys",
      "audit_log",
      "union_memberships",
    ]) {
      expect(names).toContain(t);
    }
  });

  it("is idempotent: migrating an up-to-date database changes nothing", async () => {
    const count = async () =>
      (
        await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
      )[0]?.n;
    const before = await count();
    await migrate(h);
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThanOrEqual(2);
  });

  it("records the 27 EU member states for union jurisdictions", async () => {
    const rows = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from union_memberships where union_code = 'EU'`,
    );
    expect(rows[0]?.n).toBe(27);
  });

  it("touches updated_at on a real change only", async () => {
    await h.db.execute(
      sql`insert into vendors (slug, name, kind, confidence) values ('touch-test', 'T', 'OTHER', 'REPORTED')`,
    );
    await h.db.execute(sql`update vendors set updated_at = '2000-01-01' where slug = 'touch-test'`);
    await h.db.execute(sql`update vendors set name = name where slug = 'touch-test'`);
    const [same] = await queryRows<{ y: number }>(
      h.db,
      sql`select extract(year from updated_at)::int as y from vendors where slug = 'touch-test'`,
    );
    expect(same?.y).toBe(2000);
    await h.db.execute(sql`update vendors set name = 'T2' where slug = 'touch-test'`);
    const [changed] = await queryRows<{ y: number }>(
      h.db,
      sql`select extract(year from updated_at)::int as y from vendors where slug = 'touch-test'`,
    );
    expect(changed?.y).toBeGreaterThan(2000);
  });
});
