/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hardwareClass } from "../../schema/db/index.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { errorCodes, execute, query } from "../support/graphql.ts";
import { buildDomainWorld, type DomainWorld, idsOf, listedIds } from "./domains-world.ts";

type Model = DomainWorld["models"][number];

describe(`models: filters, developer relation, lookups (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: DomainWorld;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildDomainWorld(h.db);
  });
  afterAll(() => h.close());

  const listed = (filter: unknown) => listedIds(h.db, "models", "ModelFilter", filter);
  const expected = (keep: (m: Model) => boolean) => idsOf("Model", w.models.filter(keep));
  /** Hardware classes from largest to smallest, as declared. */
  const size = (c: string | null) => (c == null ? -1 : hardwareClass.enumValues.indexOf(c as never));

  it("developer, openWeights, maxMinMemoryGb (inclusive, unknown excluded), search", async () => {
    const dev = w.vendors[3]?.id as number;
    expect(await listed({ developer: [toGlobalId("Vendor", dev)] })).toEqual(
      expected((m) => m.developerId === dev),
    );
    expect(await listed({ openWeights: true })).toEqual(expected((m) => m.openWeights));
    expect(await listed({ openWeights: false })).toEqual(expected((m) => !m.openWeights));
    expect(await listed({ maxMinMemoryGb: 16 })).toEqual(
      expected((m) => m.minMemoryGb != null && m.minMemoryGb <= 16),
    );
    expect(await listed({ search: "tiny" })).toEqual(expected((m) => m.name.startsWith("tiny")));
    expect(await listed({ developer: [] })).toEqual([]);
  });

  it("smallestHardware (any of) and runsOn (that class or smaller)", async () => {
    expect(await listed({ smallestHardware: ["LAPTOP", "PHONE"] })).toEqual(
      expected((m) => m.smallestHardware === "LAPTOP" || m.smallestHardware === "PHONE"),
    );
    for (const cls of ["WORKSTATION", "LAPTOP", "PHONE"]) {
      const r = await listed({ runsOn: cls });
      expect(r).toEqual(expected((m) => m.smallestHardware != null && size(m.smallestHardware) >= size(cls)));
      expect(r.length).toBeGreaterThan(0);
    }
    // DESIGN §4 watch item 2: open weights that run on small hardware in little memory.
    expect(await listed({ openWeights: true, runsOn: "CONSUMER_GPU", maxMinMemoryGb: 24 })).toEqual(
      expected(
        (m) =>
          m.openWeights &&
          m.smallestHardware != null &&
          size(m.smallestHardware) >= size("CONSUMER_GPU") &&
          m.minMemoryGb != null &&
          m.minMemoryGb <= 24,
      ),
    );
  });

  it("released range", async () => {
    const r = await listed({ released: { from: "2021-01-01", to: "2022-06-15" } });
    expect(r).toEqual(
      expected(
        (m) => m.releaseDate != null && m.releaseDate >= "2021-01-01" && m.releaseDate <= "2022-06-15",
      ),
    );
    expect(r.length).toBeGreaterThan(1);
  });

  it("vendor.models ↔ model.developer; lookups by slug and id; node(id); sources", async () => {
    const m = w.models[0] as Model;
    const dev = w.vendors.find((v) => v.id === m.developerId) as DomainWorld["vendors"][number];
    const id = toGlobalId("Model", m.id);
    const d = await query(
      h.db,
      `query($s: String, $id: ID, $nid: ID!) {
         model(slug: $s) { id name openWeights smallestHardware minMemoryGb parametersB licence releaseDate sources { locator source { url } }
           developer { slug models(first: 100) { totalCount edges { node { slug developer { slug } } } } } }
         byId: model(id: $id) { slug } node(id: $nid) { __typename ... on Model { slug } } }`,
      { s: m.slug, id, nid: id },
    );
    expect(d.model).toMatchObject({
      id,
      name: m.name,
      openWeights: m.openWeights,
      smallestHardware: m.smallestHardware,
      minMemoryGb: m.minMemoryGb,
      parametersB: m.parametersB,
      licence: m.licence,
      releaseDate: m.releaseDate,
      sources: [{ locator: "card", source: { url: w.sources[0]?.url } }],
    });
    const mine = w.models.filter((x) => x.developerId === dev.id);
    expect(d.model.developer.slug).toBe(dev.slug);
    expect(d.model.developer.models.totalCount).toBe(mine.length);
    expect(d.model.developer.models.edges.map((e: any) => e.node.slug).sort()).toEqual(
      mine.map((x) => x.slug).sort(),
    );
    for (const e of d.model.developer.models.edges) expect(e.node.developer.slug).toBe(dev.slug);
    expect(d.byId.slug).toBe(m.slug);
    expect(d.node).toEqual({ __typename: "Model", slug: m.slug });
  });

  it("NOT_FOUND, both or neither of id/slug, and bad ranges", async () => {
    const missing = await execute(h.db, `{ model(slug: "no-such-model") { name } }`);
    expect(missing.data?.model).toBeNull();
    expect(errorCodes(missing)).toMatchObject([{ code: "NOT_FOUND" }]);
    for (const q of [
      `{ model { name } }`,
      `{ model(id: "${toGlobalId("Model", 1)}", slug: "x") { name } }`,
      `{ models(filter: { released: { from: "2022-01-02", to: "2022-01-01" } }) { totalCount } }`,
      `{ models(filter: { developer: ["${toGlobalId("Model", 1)}"] }) { totalCount } }`,
    ]) {
      expect(errorCodes(await execute(h.db, q))).toMatchObject([{ code: "BAD_USER_INPUT" }]);
    }
  });
});
