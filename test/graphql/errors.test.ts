import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { errorCodes, execute, query } from "../support/graphql.ts";
import { buildWorld, type World } from "./fixtures.ts";

describe(`bad input and missing objects (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: World;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildWorld(h.db, { vendors: 10, facilitiesPerVendor: 3 });
  });
  afterAll(() => h.close());

  const run = (q: string, v?: Record<string, unknown>) => execute(h.db, q, v);

  it.each([
    ["first: 0", "first"],
    ["first: 101", "first"],
    ["first: -1", "first"],
    ["last: 0", "last"],
    ["last: 101", "last"],
    ["first: 2, last: 2", "last"],
  ])("%s → BAD_USER_INPUT naming %s", async (args, argument) => {
    const r = await run(`{ vendors(${args}) { totalCount } }`);
    expect(r.data?.vendors ?? null).toBeNull();
    expect(errorCodes(r)).toMatchObject([{ code: "BAD_USER_INPUT", argument }]);
  });

  it("first: 100 and the default of 20 are accepted", async () => {
    const all = await query(
      h.db,
      `{ vendors(first: 100) { edges { cursor } } dflt: vendors { edges { cursor } } }`,
    );
    expect(all.vendors.edges).toHaveLength(10);
    const many = await query(h.db, `{ facilities { edges { cursor } pageInfo { hasNextPage } } }`);
    expect(many.facilities.edges).toHaveLength(20);
    expect(many.facilities.pageInfo.hasNextPage).toBe(true);
  });

  it("a malformed cursor → BAD_USER_INPUT naming after/before", async () => {
    for (const [arg, cursor] of [
      ["after", "not a cursor"],
      ["after", "Zm9v"],
      ["before", Buffer.from('{"e":"Vendor","o":"NAME:ASC","v":"x"}').toString("base64url")],
    ] as const) {
      const r = await run(`query($c: String) { vendors(${arg}: $c) { totalCount } }`, { c: cursor });
      expect(errorCodes(r)).toMatchObject([{ code: "BAD_USER_INPUT", argument: arg }]);
    }
  });

  it("a cursor from another entity or another ordering → BAD_USER_INPUT", async () => {
    const d = await query(
      h.db,
      `{ chips(first: 1) { pageInfo { endCursor } } vendors(first: 1) { pageInfo { endCursor } } }`,
    );
    const foreign = await run(`query($c: String) { vendors(after: $c) { totalCount } }`, {
      c: d.chips.pageInfo.endCursor,
    });
    expect(errorCodes(foreign)).toMatchObject([{ code: "BAD_USER_INPUT", argument: "after" }]);
    const otherOrder = await run(
      `query($c: String) { vendors(after: $c, orderBy: { field: SLUG, direction: ASC }) { totalCount } }`,
      { c: d.vendors.pageInfo.endCursor },
    );
    expect(errorCodes(otherOrder)).toMatchObject([{ code: "BAD_USER_INPUT", argument: "after" }]);
    const sameOrder = await run(`query($c: String) { vendors(after: $c) { edges { cursor } } }`, {
      c: d.vendors.pageInfo.endCursor,
    });
    expect(sameOrder.errors).toBeUndefined();
  });

  it("malformed and wrong-type ids → BAD_USER_INPUT naming the argument", async () => {
    const chipId = toGlobalId("Chip", w.chips[0]?.id as number);
    for (const [q, argument] of [
      [`{ vendor(id: "!!!") { name } }`, "id"],
      [`{ vendor(id: "${Buffer.from("Vendor:abc").toString("base64url")}") { name } }`, "id"],
      [`{ vendor(id: "${chipId}") { name } }`, "id"],
      [`{ node(id: "${Buffer.from("Nope:1").toString("base64url")}") { id } }`, "id"],
      [`{ nodes(ids: ["garbage"]) { id } }`, "ids"],
      [`{ facilities(filter: { operator: ["${chipId}"] }) { totalCount } }`, "filter.operator"],
      [`{ chips(filter: { designer: ["x"] }) { totalCount } }`, "filter.designer"],
    ] as const) {
      expect(errorCodes(await run(q))).toMatchObject([{ code: "BAD_USER_INPUT", argument }]);
    }
  });

  it("lookups need exactly one of id and slug", async () => {
    const both = await run(`{ vendor(id: "${toGlobalId("Vendor", 1)}", slug: "x") { name } }`);
    expect(errorCodes(both)).toMatchObject([{ code: "BAD_USER_INPUT" }]);
    const neither = await run(`{ chip { name } }`);
    expect(errorCodes(neither)).toMatchObject([{ code: "BAD_USER_INPUT" }]);
  });

  it("an unknown slug, id or url → null with NOT_FOUND", async () => {
    for (const [q, field] of [
      [`{ vendor(slug: "no-such-vendor") { name } }`, "vendor"],
      [`{ chip(slug: "no-such-chip") { name } }`, "chip"],
      [`{ facility(id: "${toGlobalId("Facility", 999999)}") { name } }`, "facility"],
      [`{ source(url: "https://nowhere.example/") { title } }`, "source"],
      [`{ node(id: "${toGlobalId("Vendor", 999999)}") { id } }`, "node"],
    ] as const) {
      const r = await run(q);
      expect(r.data?.[field]).toBeNull();
      expect(errorCodes(r)).toMatchObject([{ code: "NOT_FOUND" }]);
    }
  });

  it("nodes(ids) returns null for unknown ids without failing the others", async () => {
    const v = w.vendors[0];
    const r = await run(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Vendor { slug } } }`, {
      ids: [toGlobalId("Vendor", v?.id as number), toGlobalId("Chip", 999999)],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.nodes).toEqual([{ id: toGlobalId("Vendor", v?.id as number), slug: v?.slug }, null]);
  });
});
