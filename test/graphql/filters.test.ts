import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { execute, query, walkConnection } from "../support/graphql.ts";
import { buildWorld, type World } from "./fixtures.ts";

const VARS = "$first: Int, $after: String, $last: Int, $before: String";
const PAGE =
  "totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";
const slugs = (rows: { slug: string }[]) => rows.map((r) => r.slug).sort();

describe(`list filters (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: World;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildWorld(h.db, { vendors: 25, facilitiesPerVendor: 3 });
  });
  afterAll(() => h.close());

  /** Every slug a filtered list returns, over all pages, checked against totalCount. */
  async function listed(field: "vendors" | "chips" | "facilities", type: string, filter: unknown) {
    const q = `query(${VARS}, $filter: ${type}) { list: ${field}(filter: $filter, first: $first, after: $after, last: $last, before: $before) { ${PAGE} } }`;
    const walk = await walkConnection<{ slug: string }>(h.db, q, {
      at: (d) => d.list,
      variables: { filter },
      pageSize: 50,
    });
    expect(walk.totalCount).toBe(walk.nodes.length);
    return walk.nodes.map((n) => n.slug).sort();
  }

  it("vendors: kind, hqCountry, search, combined, and an empty list", async () => {
    expect(await listed("vendors", "VendorFilter", { kind: ["NEOCLOUD", "FOUNDRY"] })).toEqual(
      slugs(w.vendors.filter((v) => v.kind === "NEOCLOUD" || v.kind === "FOUNDRY")),
    );
    expect(await listed("vendors", "VendorFilter", { hqCountry: ["DE"] })).toEqual(
      slugs(w.vendors.filter((v) => v.hqCountry === "DE")),
    );
    expect(await listed("vendors", "VendorFilter", { search: "DOR00" })).toEqual(
      slugs(w.vendors.filter((v) => v.name.includes("dor00"))),
    );
    expect(
      await listed("vendors", "VendorFilter", { kind: ["HYPERSCALER"], hqCountry: ["US", "JP"] }),
    ).toEqual(
      slugs(w.vendors.filter((v) => v.kind === "HYPERSCALER" && ["US", "JP"].includes(v.hqCountry ?? ""))),
    );
    expect(await listed("vendors", "VendorFilter", { kind: [] })).toEqual([]);
  });

  it("search matches LIKE wildcards literally", async () => {
    expect(await listed("vendors", "VendorFilter", { search: "%" })).toEqual([]);
    expect(await listed("vendors", "VendorFilter", { search: "_" })).toEqual([]);
  });

  it("chips: designer, foundry (global ids), search", async () => {
    const designer = w.chips[2]?.designerId as number;
    const foundry = w.chips[1]?.foundryId as number;
    expect(await listed("chips", "ChipFilter", { designer: [toGlobalId("Vendor", designer)] })).toEqual(
      slugs(w.chips.filter((c) => c.designerId === designer)),
    );
    expect(await listed("chips", "ChipFilter", { foundry: [toGlobalId("Vendor", foundry)] })).toEqual(
      slugs(w.chips.filter((c) => c.foundryId === foundry)),
    );
    expect(await listed("chips", "ChipFilter", { search: "accel" })).toEqual(
      slugs(w.chips.filter((c) => c.name.startsWith("accel"))),
    );
  });

  it("facilities: country, subdivision, status, operator, operatorKind, cooling", async () => {
    const f = (filter: unknown) => listed("facilities", "FacilityFilter", filter);
    expect(await f({ country: ["FR", "JP"] })).toEqual(
      slugs(w.facilities.filter((x) => ["FR", "JP"].includes(x.country))),
    );
    expect(await f({ subdivision: ["US-TX"] })).toEqual(
      slugs(w.facilities.filter((x) => x.subdivision === "US-TX")),
    );
    expect(await f({ status: ["DECOMMISSIONED"] })).toEqual(
      slugs(w.facilities.filter((x) => x.status === "DECOMMISSIONED")),
    );
    const op = w.vendors[3]?.id as number;
    expect(await f({ operator: [toGlobalId("Vendor", op)] })).toEqual(
      slugs(w.facilities.filter((x) => x.operatorId === op)),
    );
    const neoclouds = new Set(w.vendors.filter((v) => v.kind === "NEOCLOUD").map((v) => v.id));
    expect(await f({ operatorKind: ["NEOCLOUD"] })).toEqual(
      slugs(w.facilities.filter((x) => neoclouds.has(x.operatorId))),
    );
    expect(await f({ cooling: ["IMMERSION", "AIR"] })).toEqual(
      slugs(w.facilities.filter((x) => x.cooling === "IMMERSION" || x.cooling === "AIR")),
    );
  });

  it("facilities: rackDensityKw and itPowerMw ranges are inclusive and exclude unknown values", async () => {
    const f = (filter: unknown) => listed("facilities", "FacilityFilter", filter);
    expect(await f({ rackDensityKw: { min: 40, max: 100 } })).toEqual(
      slugs(
        w.facilities.filter(
          (x) =>
            x.rackDensityKwTypical != null && x.rackDensityKwTypical >= 40 && x.rackDensityKwTypical <= 100,
        ),
      ),
    );
    expect(await f({ itPowerMw: { min: 90 } })).toEqual(
      slugs(w.facilities.filter((x) => x.itPowerMw != null && x.itPowerMw >= 90)),
    );
    expect(await f({ itPowerMw: { max: 0 } })).toEqual(slugs(w.facilities.filter((x) => x.itPowerMw === 0)));
    const bad = await execute(
      h.db,
      `{ facilities(filter: { itPowerMw: { min: 5, max: 1 } }) { totalCount } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argument: "filter.itPowerMw",
    });
  });

  it("facilities: regulatedBy follows the jurisdiction rule (subdivision, country, unions)", async () => {
    const f = (filter: unknown) => listed("facilities", "FacilityFilter", filter);
    // EU IN_FORCE POWER rule → every facility in an EU member (DE, FR), none elsewhere.
    expect(await f({ regulatedBy: { topics: ["POWER"], stages: ["IN_FORCE"] } })).toEqual(
      slugs(w.facilities.filter((x) => ["DE", "FR"].includes(x.country))),
    );
    // Virginia water rule (a subdivision) hits US-VA only, not US-TX.
    expect(await f({ regulatedBy: { topics: ["WATER"] } })).toEqual(
      slugs(w.facilities.filter((x) => x.subdivision === "US-VA")),
    );
    // A country-level US rule covers every US subdivision.
    expect(await f({ regulatedBy: { topics: ["PRIVACY"], stages: ["IN_FORCE"] } })).toEqual(
      slugs(w.facilities.filter((x) => x.country === "US")),
    );
    // Stage filter: the Virginia rule is only PROPOSED.
    expect(await f({ regulatedBy: { topics: ["WATER"], stages: ["ENACTED", "IN_FORCE"] } })).toEqual([]);
    // DESIGN §1 question 3: above 100 kW per rack, power/carbon/water rules enacted or in force.
    expect(
      await f({
        rackDensityKw: { min: 100 },
        regulatedBy: { topics: ["POWER", "CARBON", "WATER"], stages: ["ENACTED", "IN_FORCE"] },
      }),
    ).toEqual(
      slugs(
        w.facilities.filter((x) => (x.rackDensityKwTypical ?? 0) >= 100 && ["DE", "FR"].includes(x.country)),
      ),
    );
  });

  it("Facility.jurisdictions lists subdivision, country and unions", async () => {
    const de = w.facilities.find((x) => x.country === "DE");
    const fr = w.facilities.find((x) => x.country === "FR");
    const data = await query(
      h.db,
      `query($a: String, $b: String) { a: facility(slug: $a) { jurisdictions } b: facility(slug: $b) { jurisdictions } }`,
      {
        a: de?.slug,
        b: fr?.slug,
      },
    );
    expect(data.a.jurisdictions).toEqual(["DE-HE", "DE", "EU"]);
    expect(data.b.jurisdictions).toEqual(["FR", "EU"]);
  });

  it("a nested connection accepts the same filter", async () => {
    const op = w.vendors[2];
    const data = await query(
      h.db,
      `query($slug: String) { vendor(slug: $slug) { facilities(filter: { status: [OPERATIONAL] }, first: 100) { totalCount edges { node { slug } } } } }`,
      { slug: op?.slug },
    );
    const expected = slugs(w.facilities.filter((x) => x.operatorId === op?.id && x.status === "OPERATIONAL"));
    expect(data.vendor.facilities.edges.map((e: { node: { slug: string } }) => e.node.slug).sort()).toEqual(
      expected,
    );
    expect(data.vendor.facilities.totalCount).toBe(expected.length);
  });
});
