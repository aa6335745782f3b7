import { getTableName, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { SeedError, seedCurated } from "../../src/seed/curated.ts";
import { curatedTables } from "../../src/seed/write.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { basicFixture, edit, fixtureCopy, recordsIn, snapshot } from "./fixture.ts";

const tables = [...curatedTables.map((t) => getTableName(t)), "audit_log"];
const list = (v: unknown) => (Array.isArray(v) ? v : []);

describe(`curated seed loader on fixtures (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(() => h.close());

  /** Runs a seed that must be refused; returns its error after checking the database is unchanged. */
  const refusedSeed = async (dir: string) => {
    const before = await snapshot(h.db, tables);
    const error = await seedCurated(h.db, { dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SeedError);
    expect(await snapshot(h.db, tables)).toEqual(before);
    return error as SeedError;
  };

  it("loads every record with its references, citations, impacts and subjects", async () => {
    const { counts } = await seedCurated(h.db, { dir: basicFixture });
    const n = (folder: string) => recordsIn(basicFixture, folder).length;
    const citations = (folder: string) =>
      recordsIn(basicFixture, folder).reduce((sum, r) => sum + list(r.sources).length, 0);
    expect(counts).toMatchObject({
      sources: n("sources"),
      vendors: n("vendors"),
      chips: n("chips"),
      facilities: n("facilities"),
      deployments: n("deployments"),
      models: n("models"),
      outages: n("outages"),
      regulatory_events: n("regulatory-events"),
      disclosures: n("disclosures"),
      market_shares: n("market-shares"),
      dependencies: n("dependencies"),
      vendor_citations: citations("vendors"),
      facility_citations: citations("facilities"),
      dependency_citations: citations("dependencies"),
      outage_impacts: recordsIn(basicFixture, "outages").reduce((s, o) => s + list(o.impacts).length, 0),
      regulatory_event_subjects: recordsIn(basicFixture, "regulatory-events").reduce((s, e) => {
        const subjects = (e.subjects ?? {}) as Record<string, unknown>;
        return s + list(subjects.vendors).length + list(subjects.facilities).length;
      }, 0),
    });
    const [parent] = await queryRows<{ parent: string }>(
      h.db,
      sql`select p.slug as parent from vendors v join vendors p on p.id = v.parent_id where v.slug = 'acme-cloud'`,
    );
    expect(parent?.parent).toBe("acme-holdings");
    const [chip] = await queryRows<{ designer: string; foundry: string }>(
      h.db,
      sql`select d.slug as designer, f.slug as foundry from chips c
          join vendors d on d.id = c.designer_id join vendors f on f.id = c.foundry_id where c.slug = 'chipco-x1'`,
    );
    expect(chip).toEqual({ designer: "chipco", foundry: "fabco" });
    const [cite] = await queryRows<{ locator: string; url: string }>(
      h.db,
      sql`select c.locator, s.url from disclosure_citations c join sources s on s.id = c.source_id`,
    );
    expect(cite).toEqual({ locator: "p. 40", url: "https://example.org/annual-report" });
    // One audit INSERT entry per inserted row of every table, with the row as `after`.
    const audit = await queryRows<{ entity: string; n: number }>(
      h.db,
      sql`select entity, count(*)::int as n from audit_log
          where actor = 'seed' and action = 'INSERT' and before is null group by entity`,
    );
    const inserted = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    expect(Object.fromEntries(audit.map((a) => [a.entity, a.n]))).toEqual(inserted);
    const [chipAudit] = await queryRows<{ after: { slug: string } }>(
      h.db,
      sql`select after from audit_log where entity = 'chips' and action = 'INSERT'
          and entity_id = (select id from chips where slug = 'chipco-x1')`,
    );
    expect(chipAudit?.after.slug).toBe("chipco-x1");
  });

  it("is idempotent: a second run writes no row (same counts, same xmin and updated_at) and no audit entry", async () => {
    const auditBefore = await snapshot(h.db, ["audit_log"]);
    const before = await snapshot(
      h.db,
      curatedTables.map((t) => getTableName(t)),
    );
    const again = await seedCurated(h.db, { dir: basicFixture });
    expect(
      await snapshot(
        h.db,
        curatedTables.map((t) => getTableName(t)),
      ),
    ).toEqual(before);
    for (const [table, rows] of Object.entries(before)) expect(again.counts[table]).toBe(rows.length);
    for (const c of Object.values(again.changes)) expect(c).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    // Nothing changed, so nothing is audited.
    expect(await snapshot(h.db, ["audit_log"])).toEqual(auditBefore);
  });

  it("applies an edited file: updates the changed row only, and replaces citations and impacts to match", async () => {
    const dir = fixtureCopy();
    edit(dir, "facilities/us.yaml", (t) => t.replace("pue: 1.2", "pue: 1.25"));
    edit(dir, "outages/outages.yaml", (t) => t.replace("    - facility: acme-east-1\n", ""));
    edit(dir, "vendors/vendors.yaml", (t) =>
      t.replace(
        "    - url: https://example.org/annual-report\n      locator: p. 1",
        "    - https://example.org/news",
      ),
    );
    const stamps = async () =>
      Object.fromEntries(
        (
          await queryRows<{ slug: string; stamp: string }>(
            h.db,
            sql`select slug, xmin::text || '/' || updated_at::text as stamp from facilities`,
          )
        ).map((r) => [r.slug, r.stamp]),
      );
    const before = await stamps();
    const { changes } = await seedCurated(h.db, { dir });
    const after = await stamps();
    expect(after["acme-east-1"]).not.toBe(before["acme-east-1"]);
    expect(after["acme-frankfurt"]).toBe(before["acme-frankfurt"]);
    expect(changes.facilities).toEqual({ inserted: 0, updated: 1, deleted: 0 });
    expect(changes.outage_impacts).toEqual({ inserted: 0, updated: 0, deleted: 1 });
    expect(changes.vendor_citations).toEqual({ inserted: 1, updated: 0, deleted: 1 });
    const impacts = await queryRows<{ region: string | null; facility_id: number | null }>(
      h.db,
      sql`select region, facility_id from outage_impacts`,
    );
    expect(impacts).toEqual([{ region: "us-east-1", facility_id: null }]);
    const [pue] = await queryRows<{ pue: number }>(
      h.db,
      sql`select pue from facilities where slug = 'acme-east-1'`,
    );
    expect(pue?.pue).toBe(1.25);
  });

  it("refuses a bad value, naming file, record and field, and writes nothing", async () => {
    const dir = fixtureCopy();
    edit(dir, "facilities/us.yaml", (t) => t.replace("pue: 1.2", "pue: 0.9"));
    edit(dir, "vendors/vendors.yaml", (t) => t.replace("name: Tiny Lab", "name: Tiny Lab renamed"));
    const error = await refusedSeed(dir);
    expect(error.message).toContain('facilities/us.yaml: record 1 (acme-east-1): field "pue": must be >= 1');
    expect(error.problems).toHaveLength(1);
  });

  it("refuses an unknown vendor slug and a source URL missing from sources/", async () => {
    const dir = fixtureCopy();
    edit(dir, "facilities/eu.yaml", (t) => t.replace("operator: acme-cloud", "operator: nobody"));
    edit(dir, "chips/chips.yaml", (t) =>
      t.replace("sources: [https://example.org/news]", "sources: [https://example.org/elsewhere]"),
    );
    const error = await refusedSeed(dir);
    expect(error.message).toContain(
      'facilities/eu.yaml: record 1 (acme-frankfurt): field "operator": unknown vendor "nobody"',
    );
    expect(error.message).toContain(
      'chips/chips.yaml: record 1 (chipco-x1): field "sources[0]": unknown source "https://example.org/elsewhere"',
    );
  });

  it("refuses an unknown field, a cross-field rule, and a slug repeated in another file", async () => {
    const dir = fixtureCopy();
    edit(dir, "chips/chips.yaml", (t) => t.replace("  tdpW: 700", "  tdpW: 700\n  colour: green"));
    edit(dir, "market-shares/shares.yaml", (t) => t.replace("  share: 0.3\n", ""));
    edit(dir, "facilities/eu.yaml", (t) => t.replace("slug: acme-frankfurt", "slug: acme-east-1"));
    const error = await refusedSeed(dir);
    expect(error.message).toContain('chips/chips.yaml: record 1 (chipco-x1): field "colour": unknown field');
    expect(error.message).toMatch(
      /market-shares\/shares\.yaml: record 1 \([^)]*\): field "share": share or value is required/,
    );
    expect(error.message).toMatch(
      /facilities\/(eu|us)\.yaml: record 1 \(acme-east-1\): field "slug": duplicate of .*facilities\/(us|eu)\.yaml record 1/,
    );
    // The renamed facility is now missing for the rule that names it; the invalid chip is not
    // reported again by the deployment that refers to it.
    expect(error.message).toContain('field "subjects.facilities[0]": unknown facility "acme-frankfurt"');
    expect(error.message).not.toContain("unknown chip");
  });

  it("rolls back everything when the database refuses a row mid-way, reporting the constraint", async () => {
    await h.db.execute(
      sql`alter table outages add constraint test_no_second_outage check (slug <> 'second-outage')`,
    );
    try {
      const dir = fixtureCopy();
      edit(
        dir,
        "vendors/vendors.yaml",
        (t) =>
          `${t}- slug: new-vendor\n  name: New\n  kind: OTHER\n  confidence: REPORTED\n  sources: [https://example.org/news]\n`,
      );
      edit(dir, "outages/outages.yaml", (t) => `${t}${t.replace(/^- slug: .*$/m, "- slug: second-outage")}`);
      const error = await refusedSeed(dir);
      expect(error.message).toContain("test_no_second_outage");
      const rows = await queryRows(h.db, sql`select 1 from vendors where slug = 'new-vendor'`);
      expect(rows).toHaveLength(0);
    } finally {
      await h.db.execute(sql`alter table outages drop constraint test_no_second_outage`);
    }
  });

  it("writes in bulk: the number of statements does not grow with the number of records", async () => {
    const statementsFor = async (dir: string) => {
      let n = 0;
      const stop = h.onStatement(() => {
        n++;
      });
      try {
        await seedCurated(h.db, { dir });
      } finally {
        stop();
      }
      return n;
    };
    const dir = fixtureCopy();
    const extra = Array.from(
      { length: 150 },
      (_, i) =>
        `- slug: bulk-vendor-${i}\n  name: Bulk ${i}\n  kind: OTHER\n  confidence: REPORTED\n  sources: [https://example.org/news]\n`,
    ).join("");
    edit(dir, "vendors/vendors.yaml", (t) => t + extra);
    const small = await statementsFor(basicFixture);
    const large = await statementsFor(dir);
    // Row-by-row writes would add at least 150 statements (300 with citations); postgres.js may
    // report a prepared statement's first use twice, hence the small allowance.
    expect(large).toBeLessThanOrEqual(small + 5);
    expect(small).toBeGreaterThan(0);
  });
});
