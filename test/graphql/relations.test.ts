/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { query } from "../support/graphql.ts";
import { buildWorld, type World } from "./fixtures.ts";

type Edges<T> = { edges: { node: T }[]; totalCount: number };
const nodes = <T>(c: Edges<T>) => c.edges.map((e) => e.node);

describe(`relations and node lookups (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: World;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildWorld(h.db, { vendors: 20, facilitiesPerVendor: 3 });
  });
  afterAll(() => h.close());

  it("vendor.parent and vendor.subsidiaries are inverse", async () => {
    const parent = w.vendors[0];
    const d = await query(
      h.db,
      `query($s: String) { vendor(slug: $s) { slug parent { slug } subsidiaries(first: 100) { totalCount edges { node { slug parent { slug } } } } } }`,
      { s: parent?.slug },
    );
    const children = w.vendors.filter((v) => v.parentId === parent?.id).map((v) => v.slug);
    expect(d.vendor.parent).toBeNull();
    expect(children.length).toBeGreaterThan(1);
    expect(
      nodes<{ slug: string }>(d.vendor.subsidiaries)
        .map((n) => n.slug)
        .sort(),
    ).toEqual(children.sort());
    expect(d.vendor.subsidiaries.totalCount).toBe(children.length);
    for (const child of nodes<{ parent: { slug: string } }>(d.vendor.subsidiaries)) {
      expect(child.parent.slug).toBe(parent?.slug);
    }
  });

  it("vendor → facilities → operator and facility → deployments → facility round-trip", async () => {
    const op = w.vendors[5];
    const d = await query(
      h.db,
      `query($s: String) { vendor(slug: $s) { id facilities(first: 100) { totalCount edges { node { slug operator { id slug }
         deployments(first: 100) { totalCount edges { node { acceleratorCount facility { slug } chip { slug } } } } } } } } }`,
      { s: op?.slug },
    );
    const mine = w.facilities.filter((f) => f.operatorId === op?.id);
    expect(d.vendor.facilities.totalCount).toBe(mine.length);
    for (const f of nodes<any>(d.vendor.facilities)) {
      expect(f.operator).toEqual({ id: d.vendor.id, slug: op?.slug });
      const row = mine.find((m) => m.slug === f.slug);
      const deps = w.deployments.filter((x) => x.facilityId === row?.id);
      expect(f.deployments.totalCount).toBe(deps.length);
      for (const dep of nodes<any>(f.deployments)) expect(dep.facility.slug).toBe(f.slug);
      expect(
        nodes<any>(f.deployments)
          .map((x) => x.chip.slug)
          .sort(),
      ).toEqual(deps.map((x) => w.chips.find((c) => c.id === x.chipId)?.slug).sort());
    }
  });

  it("vendor ↔ chips: designed and fabricated, chip.designer / chip.foundry", async () => {
    const chip = w.chips.find((c) => c.foundryId != null);
    const d = await query(
      h.db,
      `query($s: String) { chip(slug: $s) { slug designer { slug chipsDesigned(first: 100) { totalCount edges { node { slug } } } }
         foundry { slug chipsFabricated(first: 100) { totalCount edges { node { slug foundry { slug } } } } } } }`,
      { s: chip?.slug },
    );
    const designed = w.chips.filter((c) => c.designerId === chip?.designerId).map((c) => c.slug);
    const fabricated = w.chips.filter((c) => c.foundryId === chip?.foundryId).map((c) => c.slug);
    expect(
      nodes<{ slug: string }>(d.chip.designer.chipsDesigned)
        .map((n) => n.slug)
        .sort(),
    ).toEqual(designed.sort());
    expect(d.chip.designer.chipsDesigned.totalCount).toBe(designed.length);
    expect(
      nodes<{ slug: string }>(d.chip.foundry.chipsFabricated)
        .map((n) => n.slug)
        .sort(),
    ).toEqual(fabricated.sort());
    expect(fabricated).toContain(chip?.slug);
  });

  it("chip.deployments lists the chip's deployments with their facilities", async () => {
    const chip = w.chips[3];
    const d = await query(
      h.db,
      `query($s: String) { chip(slug: $s) { deployments(first: 100) { totalCount edges { node { chip { slug } facility { slug } } } } } }`,
      { s: chip?.slug },
    );
    const deps = w.deployments.filter((x) => x.chipId === chip?.id);
    expect(d.chip.deployments.totalCount).toBe(deps.length);
    expect(nodes<any>(d.chip.deployments).every((n) => n.chip.slug === chip?.slug)).toBe(true);
  });

  it("facts cite sources with locators; Source.cited counts citations per kind", async () => {
    const v = w.vendors[0];
    const s0 = w.sources[0];
    const d = await query(
      h.db,
      `query($v: String, $u: String) {
         vendor(slug: $v) { sources { locator source { url } } }
         source(url: $u) { url citationCount cited { entity count } }
         chips(first: 1, filter: { search: "accel000" }) { edges { node { sources { source { url } } } } }
       }`,
      { v: v?.slug, u: s0?.url },
    );
    expect(d.vendor.sources).toEqual(
      expect.arrayContaining([
        { locator: "p. 3", source: { url: w.sources[0]?.url } },
        { locator: null, source: { url: w.sources[1]?.url } },
      ]),
    );
    expect(d.vendor.sources).toHaveLength(2);
    expect(d.source.cited).toEqual([
      { entity: "CHIP", count: 1 },
      { entity: "VENDOR", count: 2 },
    ]);
    expect(d.source.citationCount).toBe(3);
    expect(d.chips.edges[0].node.sources).toEqual([{ source: { url: s0?.url } }]);
  });

  it("node(id) and nodes(ids) fetch every Node type by the ids the API hands out", async () => {
    const d = await query(
      h.db,
      `{ vendors(first: 1) { edges { node { id slug } } } chips(first: 1) { edges { node { id slug } } }
         facilities(first: 1) { edges { node { id slug deployments(first: 1) { edges { node { id acceleratorCount } } } } } }
         sources(first: 1) { edges { node { id url } } } }`,
    );
    const vendor = d.vendors.edges[0].node;
    const chip = d.chips.edges[0].node;
    const facility = d.facilities.edges[0].node;
    const deployment = facility.deployments.edges[0].node;
    const source = d.sources.edges[0].node;
    const n = await query(
      h.db,
      `query($ids: [ID!]!, $one: ID!) { one: node(id: $one) { __typename id }
         nodes(ids: $ids) { __typename id ... on Vendor { slug } ... on Chip { slug } ... on Facility { slug }
           ... on Deployment { acceleratorCount } ... on Source { url } } }`,
      { ids: [source.id, deployment.id, facility.id, chip.id, vendor.id], one: chip.id },
    );
    expect(n.one).toEqual({ __typename: "Chip", id: chip.id });
    expect(n.nodes).toEqual([
      { __typename: "Source", id: source.id, url: source.url },
      { __typename: "Deployment", id: deployment.id, acceleratorCount: deployment.acceleratorCount },
      { __typename: "Facility", id: facility.id, slug: facility.slug },
      { __typename: "Chip", id: chip.id, slug: chip.slug },
      { __typename: "Vendor", id: vendor.id, slug: vendor.slug },
    ]);
    const byId = await query(h.db, `query($id: ID) { vendor(id: $id) { slug } }`, { id: vendor.id });
    expect(byId.vendor.slug).toBe(vendor.slug);
    expect(vendor.id).toBe(toGlobalId("Vendor", w.vendors.find((x) => x.slug === vendor.slug)?.id as number));
  });
});
