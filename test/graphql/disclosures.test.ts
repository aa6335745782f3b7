/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { errorCodes, execute, query } from "../support/graphql.ts";
import { buildDomainWorld, type DomainWorld, idsOf, listedIds } from "./domains-world.ts";

type Disclosure = DomainWorld["disclosures"][number];

describe(`disclosures: filters, relations, lookups (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: DomainWorld;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildDomainWorld(h.db);
  });
  afterAll(() => h.close());

  const listed = (filter: unknown) => listedIds(h.db, "disclosures", "DisclosureFilter", filter);
  const expected = (keep: (d: Disclosure) => boolean) => idsOf("Disclosure", w.disclosures.filter(keep));

  it("vendor, vendor kind, metric, kind, and combined", async () => {
    const vendor = w.vendors[2]?.id as number;
    expect(await listed({ vendor: [toGlobalId("Vendor", vendor)] })).toEqual(
      expected((d) => d.vendorId === vendor),
    );
    const hyperscalers = new Set(w.vendors.filter((v) => v.kind === "HYPERSCALER").map((v) => v.id));
    expect(await listed({ vendorKind: ["HYPERSCALER"] })).toEqual(
      expected((d) => hyperscalers.has(d.vendorId)),
    );
    expect(await listed({ metric: ["ENERGY_MWH", "WATER_M3", "OVERSIGHT_HEADCOUNT"] })).toEqual(
      expected((d) => ["ENERGY_MWH", "WATER_M3", "OVERSIGHT_HEADCOUNT"].includes(d.metric)),
    );
    expect(await listed({ kind: ["CLAIMED"] })).toEqual(expected((d) => d.kind === "CLAIMED"));
    expect(await listed({ metric: ["CAPEX_USD"], kind: ["REPORTED", "ESTIMATED"] })).toEqual(
      expected((d) => d.metric === "CAPEX_USD" && ["REPORTED", "ESTIMATED"].includes(d.kind)),
    );
    expect(await listed({ metric: [] })).toEqual([]);
  });

  it("period: figures whose period overlaps the range", async () => {
    const overlaps = (from: string | null, to: string | null) => (d: Disclosure) =>
      (to == null || d.periodStart <= to) && (from == null || d.periodEnd >= from);
    // 2021 periods run 2021-07-01..2021-12-31 (the fixture): a range ending 07-01 overlaps them, one ending 06-30 not.
    const r = await listed({ period: { from: "2021-03-01", to: "2021-07-01" } });
    expect(r).toEqual(expected(overlaps("2021-03-01", "2021-07-01")));
    expect(r.length).toBeGreaterThan(0);
    expect(await listed({ period: { from: "2021-03-01", to: "2021-06-30" } })).toEqual([]);
    expect(await listed({ period: { from: "2020-12-31", to: "2020-12-31" } })).toEqual(
      expected(overlaps("2020-12-31", "2020-12-31")),
    );
    expect(await listed({ period: { from: "2023-01-01" } })).toEqual(expected(overlaps("2023-01-01", null)));
  });

  it("vendor.disclosures ↔ disclosure.vendor, sources, lookup and node(id)", async () => {
    const first = w.disclosures[0] as Disclosure;
    const vendor = w.vendors.find((v) => v.id === first.vendorId) as DomainWorld["vendors"][number];
    const id = toGlobalId("Disclosure", first.id);
    const d = await query(
      h.db,
      `query($v: String, $id: ID!) {
         vendor(slug: $v) { slug disclosures(first: 100, filter: { kind: [REPORTED, CLAIMED, ESTIMATED, MEASURED] }) { totalCount edges { node { id vendor { slug } } } } }
         disclosure(id: $id) { metric kind value unit periodStart periodEnd vendor { slug } sources { source { url } } }
         node(id: $id) { __typename id } }`,
      { v: vendor.slug, id },
    );
    const mine = w.disclosures.filter((x) => x.vendorId === vendor.id);
    expect(d.vendor.disclosures.totalCount).toBe(mine.length);
    expect(d.vendor.disclosures.edges.map((e: any) => e.node.id).sort()).toEqual(idsOf("Disclosure", mine));
    for (const e of d.vendor.disclosures.edges) expect(e.node.vendor.slug).toBe(vendor.slug);
    expect(d.disclosure).toEqual({
      metric: first.metric,
      kind: first.kind,
      value: first.value,
      unit: first.unit,
      periodStart: first.periodStart,
      periodEnd: first.periodEnd,
      vendor: { slug: vendor.slug },
      sources: [{ source: { url: w.sources[1]?.url } }],
    });
    expect(d.node).toEqual({ __typename: "Disclosure", id });
  });

  it("unknown id → NOT_FOUND; bad ids and ranges → BAD_USER_INPUT", async () => {
    const missing = await execute(
      h.db,
      `{ disclosure(id: "${toGlobalId("Disclosure", 999999)}") { value } }`,
    );
    expect(missing.data?.disclosure).toBeNull();
    expect(errorCodes(missing)).toMatchObject([{ code: "NOT_FOUND" }]);
    for (const [q, argument] of [
      [`{ disclosure(id: "${toGlobalId("Model", 1)}") { value } }`, "id"],
      [`{ disclosures(filter: { vendor: ["zzz"] }) { totalCount } }`, "filter.vendor"],
      [
        `{ disclosures(filter: { period: { from: "2022-01-02", to: "2022-01-01" } }) { totalCount } }`,
        "filter.period",
      ],
      [`{ disclosures(last: 0) { totalCount } }`, "last"],
    ] as const) {
      expect(errorCodes(await execute(h.db, q))).toMatchObject([{ code: "BAD_USER_INPUT", argument }]);
    }
  });
});
