/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { errorCodes, execute, query } from "../support/graphql.ts";
import { buildDomainWorld, type DomainWorld, idsOf, listedIds } from "./domains-world.ts";

type Rule = DomainWorld["regulatoryEvents"][number];

describe(`regulatory events: filters, subjects, relations, lookups (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: DomainWorld;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildDomainWorld(h.db);
  });
  afterAll(() => h.close());

  const listed = (filter: unknown) => listedIds(h.db, "regulatoryEvents", "RegulatoryEventFilter", filter);
  const expected = (keep: (e: Rule) => boolean) => idsOf("RegulatoryEvent", w.regulatoryEvents.filter(keep));
  const names = (e: { id: number }, keep: (s: DomainWorld["regulatoryEventSubjects"][number]) => boolean) =>
    w.regulatoryEventSubjects.some((s) => s.eventId === e.id && keep(s));

  it("jurisdiction list, topics (any of), stage, instrument, search", async () => {
    expect(await listed({ jurisdiction: ["EU", "US-VA"] })).toEqual(
      expected((e) => e.jurisdiction === "EU" || e.jurisdiction === "US-VA"),
    );
    expect(await listed({ topics: ["WATER", "LIABILITY"] })).toEqual(
      expected((e) => e.topics.includes("WATER") || e.topics.includes("LIABILITY")),
    );
    expect(await listed({ stage: ["ENACTED", "IN_FORCE"] })).toEqual(
      expected((e) => e.stage === "ENACTED" || e.stage === "IN_FORCE"),
    );
    expect(await listed({ instrument: ["MORATORIUM"] })).toEqual(
      expected((e) => e.instrument === "MORATORIUM"),
    );
    expect(await listed({ search: "liability" })).toEqual(expected((e) => e.title.includes("liability")));
    expect(await listed({ topics: [] })).toEqual([]);
    expect(
      await listed({
        jurisdiction: ["EU", "DE"],
        topics: ["POWER", "CARBON"],
        stage: ["IN_FORCE", "PROPOSED"],
      }),
    ).toEqual(
      expected(
        (e) =>
          ["EU", "DE"].includes(e.jurisdiction) &&
          (e.topics.includes("POWER") || e.topics.includes("CARBON")) &&
          ["IN_FORCE", "PROPOSED"].includes(e.stage),
      ),
    );
  });

  it("announcedOn range is inclusive and excludes undated events", async () => {
    const r = await listed({ announcedOn: { from: "2021-02-01", to: "2023-04-01" } });
    expect(r).toEqual(
      expected(
        (e) => e.announcedOn != null && e.announcedOn >= "2021-02-01" && e.announcedOn <= "2023-04-01",
      ),
    );
    expect(r.length).toBeGreaterThan(2);
    expect(await listed({ announcedOn: { from: "2024-01-01" } })).toEqual(
      expected((e) => e.announcedOn != null && e.announcedOn >= "2024-01-01"),
    );
  });

  it("named vendor and named facility", async () => {
    const vendor = w.vendors[3]?.id as number;
    const facility = w.facilities[1]?.id as number;
    expect(await listed({ vendor: [toGlobalId("Vendor", vendor)] })).toEqual(
      expected((e) => names(e, (s) => s.vendorId === vendor)),
    );
    expect(await listed({ facility: [toGlobalId("Facility", facility)] })).toEqual(
      expected((e) => names(e, (s) => s.facilityId === facility)),
    );
  });

  it("subjects (vendors then facilities), vendors, facilities and sources", async () => {
    const e = w.regulatoryEvents.find((x) => x.slug === "rule-000") as Rule;
    const d = await query(
      h.db,
      `query($s: String) { regulatoryEvent(slug: $s) { slug jurisdiction topics stage instrument
         subjects { __typename ... on Vendor { slug } ... on Facility { slug } }
         vendors { slug } facilities { slug } sources { source { url } } } }`,
      { s: e.slug },
    );
    const byName = <T extends { id: number; name: string }>(rows: T[]) =>
      [...rows].sort((a, b) => (a.name === b.name ? a.id - b.id : a.name < b.name ? -1 : 1));
    const vendors = byName(w.vendors.filter((v) => names(e, (s) => s.vendorId === v.id)));
    const facilities = byName(w.facilities.filter((f) => names(e, (s) => s.facilityId === f.id)));
    expect(vendors.length).toBe(2);
    expect(facilities.length).toBe(1);
    expect(d.regulatoryEvent.vendors).toEqual(vendors.map((v) => ({ slug: v.slug })));
    expect(d.regulatoryEvent.facilities).toEqual(facilities.map((f) => ({ slug: f.slug })));
    expect(d.regulatoryEvent.subjects).toEqual([
      ...vendors.map((v) => ({ __typename: "Vendor", slug: v.slug })),
      ...facilities.map((f) => ({ __typename: "Facility", slug: f.slug })),
    ]);
    expect(d.regulatoryEvent.topics).toEqual(e.topics);
    expect(d.regulatoryEvent.sources).toEqual([{ source: { url: w.sources[0]?.url } }]);
  });

  it("vendor.regulatoryEvents and facility.regulatoryEvents round-trip through the event's subjects", async () => {
    const vendor = w.vendors[1] as DomainWorld["vendors"][number];
    const facility = w.facilities[0] as DomainWorld["facilities"][number];
    const d = await query(
      h.db,
      `query($v: String, $f: String) {
         vendor(slug: $v) { regulatoryEvents(first: 100, filter: { stage: [PROPOSED, ENACTED] }) { totalCount edges { node { slug stage vendors { slug } } } } }
         facility(slug: $f) { regulatoryEvents(first: 100) { totalCount edges { node { slug facilities { slug } } } } } }`,
      { v: vendor.slug, f: facility.slug },
    );
    const mine = w.regulatoryEvents.filter(
      (e) => ["PROPOSED", "ENACTED"].includes(e.stage) && names(e, (s) => s.vendorId === vendor.id),
    );
    expect(mine.length).toBeGreaterThan(1);
    expect(d.vendor.regulatoryEvents.totalCount).toBe(mine.length);
    const nodes = d.vendor.regulatoryEvents.edges.map((x: any) => x.node);
    expect(nodes.map((n: any) => n.slug).sort()).toEqual(mine.map((e) => e.slug).sort());
    for (const n of nodes) expect(n.vendors.map((v: any) => v.slug)).toContain(vendor.slug);
    const sites = d.facility.regulatoryEvents.edges.map((x: any) => x.node);
    expect(d.facility.regulatoryEvents.totalCount).toBe(
      w.regulatoryEvents.filter((e) => names(e, (s) => s.facilityId === facility.id)).length,
    );
    for (const n of sites) expect(n.facilities.map((f: any) => f.slug)).toContain(facility.slug);
  });

  it("lookups by id and slug, node(id), NOT_FOUND and bad input", async () => {
    const e = w.regulatoryEvents[5] as Rule;
    const id = toGlobalId("RegulatoryEvent", e.id);
    const d = await query(
      h.db,
      `query($id: ID, $nid: ID!) { regulatoryEvent(id: $id) { slug } node(id: $nid) { __typename ... on RegulatoryEvent { slug } } }`,
      { id, nid: id },
    );
    expect(d.regulatoryEvent.slug).toBe(e.slug);
    expect(d.node).toEqual({ __typename: "RegulatoryEvent", slug: e.slug });
    const missing = await execute(h.db, `{ regulatoryEvent(slug: "nope") { slug } }`);
    expect(errorCodes(missing)).toMatchObject([{ code: "NOT_FOUND" }]);
    const backwards = await execute(
      h.db,
      `{ regulatoryEvents(filter: { announcedOn: { from: "2024-02-01", to: "2024-01-01" } }) { totalCount } }`,
    );
    expect(errorCodes(backwards)).toMatchObject([{ code: "BAD_USER_INPUT", argument: "filter.announcedOn" }]);
    const wrongType = await execute(
      h.db,
      `{ regulatoryEvents(filter: { facility: ["${id}"] }) { totalCount } }`,
    );
    expect(errorCodes(wrongType)).toMatchObject([{ code: "BAD_USER_INPUT", argument: "filter.facility" }]);
  });
});
