/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { errorCodes, execute, query } from "../support/graphql.ts";
import { buildDomainWorld, type DomainWorld, idsOf, listedIds } from "./domains-world.ts";

describe(`outages: filters, impacts, relations, lookups (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: DomainWorld;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildDomainWorld(h.db);
  });
  afterAll(() => h.close());

  const listed = (filter: unknown) => listedIds(h.db, "outages", "OutageFilter", filter);
  const expected = (keep: (o: DomainWorld["outages"][number]) => boolean) =>
    idsOf("Outage", w.outages.filter(keep));
  const hits = (o: { id: number }, keep: (i: DomainWorld["outageImpacts"][number]) => boolean) =>
    w.outageImpacts.some((i) => i.outageId === o.id && keep(i));

  it("severity range (inclusive), cause, search and an empty list", async () => {
    expect(await listed({ severity: { min: 4 } })).toEqual(expected((o) => o.severity >= 4));
    expect(await listed({ severity: { min: 2, max: 3 } })).toEqual(
      expected((o) => o.severity >= 2 && o.severity <= 3),
    );
    expect(await listed({ cause: ["POWER", "COOLING"] })).toEqual(
      expected((o) => o.cause === "POWER" || o.cause === "COOLING"),
    );
    expect(await listed({ search: "BLACKOUT" })).toEqual(expected((o) => o.title.startsWith("blackout")));
    expect(await listed({ cause: [] })).toEqual([]);
    expect(await listed({ severity: { min: 4 }, cause: ["NETWORK"] })).toEqual(
      expected((o) => o.severity >= 4 && o.cause === "NETWORK"),
    );
  });

  it("startedAt range is inclusive at both ends", async () => {
    const from = new Date(Date.UTC(2021, 0, 1));
    const to = w.outages.map((o) => o.startedAt).sort((a, b) => b.getTime() - a.getTime())[3] as Date;
    const r = await listed({ startedAt: { from: from.toISOString(), to: to.toISOString() } });
    expect(r).toEqual(expected((o) => o.startedAt >= from && o.startedAt <= to));
    expect(r.length).toBeGreaterThan(2);
  });

  it("impacted vendor, vendor kind, facility and region", async () => {
    const vendor = w.vendors[1]?.id as number;
    expect(await listed({ vendor: [toGlobalId("Vendor", vendor)] })).toEqual(
      expected((o) => hits(o, (i) => i.vendorId === vendor)),
    );
    const neoclouds = new Set(w.vendors.filter((v) => v.kind === "NEOCLOUD").map((v) => v.id));
    expect(await listed({ vendorKind: ["NEOCLOUD"] })).toEqual(
      expected((o) => hits(o, (i) => i.vendorId != null && neoclouds.has(i.vendorId))),
    );
    const facility = w.facilities[1]?.id as number;
    expect(await listed({ facility: [toGlobalId("Facility", facility)] })).toEqual(
      expected((o) => hits(o, (i) => i.facilityId === facility)),
    );
    expect(await listed({ region: ["region-2", "extra"] })).toEqual(
      expected((o) => hits(o, (i) => i.region === "region-2" || i.region === "extra")),
    );
  });

  it("Outage.impacts lists vendor, facility and region; durationMinutes and sources", async () => {
    const o = w.outages[0] as DomainWorld["outages"][number];
    const d = await query(
      h.db,
      `query($s: String) { outage(slug: $s) { id slug severity cause durationMinutes startedAt
         impacts { vendor { slug } facility { slug } region } sources { locator source { url } } } }`,
      { s: o.slug },
    );
    const slugOf = (rows: { id: number; slug: string }[], id: number | null) =>
      id == null ? null : { slug: rows.find((r) => r.id === id)?.slug };
    const impacts = w.outageImpacts
      .filter((i) => i.outageId === o.id)
      .map((i) => ({
        vendor: slugOf(w.vendors, i.vendorId),
        facility: slugOf(w.facilities, i.facilityId),
        region: i.region,
      }));
    expect(impacts.length).toBeGreaterThan(2);
    expect(d.outage.impacts).toEqual(impacts);
    expect(new Date(d.outage.startedAt).toISOString()).toBe(o.startedAt.toISOString());
    expect(d.outage.durationMinutes).toBe(
      o.endedAt ? (o.endedAt.getTime() - o.startedAt.getTime()) / 60_000 : null,
    );
    expect(d.outage.sources).toEqual([
      { locator: "status page", source: { url: w.sources[0]?.url } },
      { locator: null, source: { url: w.sources[1]?.url } },
    ]);
    const ended = w.outages.find((x) => x.endedAt) as DomainWorld["outages"][number];
    const e = await query(h.db, `query($s: String) { outage(slug: $s) { durationMinutes } }`, {
      s: ended.slug,
    });
    expect(e.outage.durationMinutes).toBeGreaterThan(0);
  });

  it("vendor.outages and facility.outages round-trip through Outage.impacts", async () => {
    const vendor = w.vendors[1] as DomainWorld["vendors"][number];
    const facility = w.facilities[0] as DomainWorld["facilities"][number];
    const d = await query(
      h.db,
      `query($v: String, $f: String) {
         vendor(slug: $v) { slug outages(first: 100, filter: { severity: { min: 2 } }) { totalCount edges { node { slug severity impacts { vendor { slug } } } } } }
         facility(slug: $f) { slug outages(first: 100) { totalCount edges { node { slug impacts { facility { slug } } } } } } }`,
      { v: vendor.slug, f: facility.slug },
    );
    const mine = w.outages.filter((o) => o.severity >= 2 && hits(o, (i) => i.vendorId === vendor.id));
    expect(d.vendor.outages.totalCount).toBe(mine.length);
    const nodes = d.vendor.outages.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.slug).sort()).toEqual(mine.map((o) => o.slug).sort());
    for (const n of nodes) {
      expect(n.severity).toBeGreaterThanOrEqual(2);
      expect(n.impacts.map((i: any) => i.vendor?.slug)).toContain(vendor.slug);
    }
    const sites = d.facility.outages.edges.map((e: any) => e.node);
    expect(sites.length).toBe(w.outages.filter((o) => hits(o, (i) => i.facilityId === facility.id)).length);
    for (const n of sites) expect(n.impacts.map((i: any) => i.facility?.slug)).toContain(facility.slug);
  });

  it("lookups by id and slug, node(id), and NOT_FOUND", async () => {
    const o = w.outages[3] as DomainWorld["outages"][number];
    const id = toGlobalId("Outage", o.id);
    const d = await query(
      h.db,
      `query($id: ID, $nid: ID!) { byId: outage(id: $id) { slug } node(id: $nid) { __typename id ... on Outage { slug } } }`,
      { id, nid: id },
    );
    expect(d.byId.slug).toBe(o.slug);
    expect(d.node).toEqual({ __typename: "Outage", id, slug: o.slug });
    const missing = await execute(h.db, `{ outage(slug: "no-such-outage") { slug } }`);
    expect(missing.data?.outage).toBeNull();
    expect(errorCodes(missing)).toMatchObject([{ code: "NOT_FOUND" }]);
  });

  it("bad input → BAD_USER_INPUT naming the field", async () => {
    const facilityId = toGlobalId("Facility", w.facilities[0]?.id as number);
    for (const [q, argument] of [
      [`{ outages(filter: { severity: { min: 0 } }) { totalCount } }`, "filter.severity"],
      [`{ outages(filter: { severity: { max: 6 } }) { totalCount } }`, "filter.severity"],
      [`{ outages(filter: { severity: { min: 4, max: 2 } }) { totalCount } }`, "filter.severity"],
      [
        `{ outages(filter: { startedAt: { from: "2024-01-02T00:00:00Z", to: "2024-01-01T00:00:00Z" } }) { totalCount } }`,
        "filter.startedAt",
      ],
      [`{ outages(filter: { vendor: ["${facilityId}"] }) { totalCount } }`, "filter.vendor"],
      [`{ outages(first: 101) { totalCount } }`, "first"],
      [`{ outages(after: "nonsense") { totalCount } }`, "after"],
    ] as const) {
      expect(errorCodes(await execute(h.db, q))).toMatchObject([{ code: "BAD_USER_INPUT", argument }]);
    }
  });
});
