/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { countStatements as countStatementsOf } from "../support/graphql.ts";
import { buildWorld } from "./fixtures.ts";

/** DataLoaders: the statements a request issues are bounded by its nesting depth, not its row count. */
describe(`statements per request (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
    await buildWorld(h.db, { vendors: 60, facilitiesPerVendor: 20 });
  });
  afterAll(() => h.close());

  const countStatements = (text: string) => countStatementsOf(h, text);

  it("vendors → facilities → deployments → chip → designer: one statement per level", async () => {
    const { data, statements } = await countStatements(`{
      vendors(first: 50) { edges { node { name
        facilities(first: 20) { edges { node { name
          deployments(first: 10) { edges { node { acceleratorCount chip { name designer { name } } } } }
        } } }
      } } }
    }`);
    const facilities = data.vendors.edges.flatMap((e: any) => e.node.facilities.edges);
    const deployments = facilities.flatMap((e: any) => e.node.deployments.edges);
    expect(data.vendors.edges).toHaveLength(50);
    expect(facilities.length).toBe(50 * 20);
    expect(deployments.length).toBeGreaterThan(1500);
    // vendors page, facilities per vendor, deployments per facility, chips by id, designers by id.
    expect(statements.length).toBeLessThanOrEqual(5);
  });

  it("totalCount costs one grouped statement per level, and only when selected", async () => {
    const without = await countStatements(
      `{ vendors(first: 30) { edges { node { facilities(first: 5) { edges { cursor } } } } } }`,
    );
    const withCounts = await countStatements(
      `{ vendors(first: 30) { totalCount edges { node { facilities(first: 5) { totalCount edges { cursor } } } } } }`,
    );
    // Without counts the look-ahead builds both levels in one statement (src/graphql/plan); a nested
    // totalCount is not planned, so that level takes its loader: page, count, pages, grouped count.
    expect(without.statements.length).toBe(1);
    expect(withCounts.statements, withCounts.statements.join("\n")).toHaveLength(4);
    expect(withCounts.data.vendors.totalCount).toBe(60);
    expect(withCounts.data.vendors.edges.every((e: any) => e.node.facilities.totalCount === 20)).toBe(true);
  });

  it("sources of many facts and their cited counts are batched too", async () => {
    const { statements } = await countStatements(`{
      facilities(first: 100) { edges { node { sources { source { title cited { count } } } operator { sources { locator } } } } }
    }`);
    // facilities, facility citations, cited counts, operators, vendor citations.
    expect(statements.length).toBeLessThanOrEqual(5);
  });
});
