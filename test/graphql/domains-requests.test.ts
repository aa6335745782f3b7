/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import { ApolloServer } from "@apollo/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestContext, type RequestContext } from "../../src/api/context.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { countStatements as countStatementsOf, graphqlSchema } from "../support/graphql.ts";
import { buildDomainWorld } from "./domains-world.ts";

/** The remaining domains' nested paths are batched (statements bounded by depth) and coerce input like the rest. */
describe(`outages … models: statements per request and input errors (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
    await buildDomainWorld(h.db);
  });
  afterAll(() => h.close());

  const countStatements = (text: string) => countStatementsOf(h, text);

  it("vendors → outages → impacts → vendor/facility (+ sources): one statement per level", async () => {
    const { data, statements } = await countStatements(`{
      vendors(first: 50) { edges { node { name
        outages(first: 10) { totalCount edges { node { slug sources { locator }
          impacts { region vendor { name } facility { name } } } } }
      } } }
    }`);
    const outages = data.vendors.edges.flatMap((e: any) => e.node.outages.edges);
    const impacts = outages.flatMap((e: any) => e.node.impacts);
    expect(outages.length).toBeGreaterThan(20);
    expect(impacts.filter((i: any) => i.vendor).length).toBeGreaterThan(20);
    expect(impacts.filter((i: any) => i.facility).length).toBeGreaterThan(5);
    // vendors, outages per vendor, their counts, impacts, impacted vendors, impacted facilities, outage citations.
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(7);
  });

  it("rules → subjects → each vendor's rules, and dependencies → provider union → dependents / models / disclosures / shares", async () => {
    const rules = await countStatements(`{
      regulatoryEvents(first: 50) { edges { node { slug
        subjects { ... on Vendor { slug } ... on Facility { slug } }
        vendors { regulatoryEvents(first: 5) { edges { node { slug } } } } } } }
    }`);
    expect(rules.data.regulatoryEvents.edges.length).toBe(24);
    // events, named vendors, named facilities, events per vendor.
    expect(rules.statements.length, rules.statements.join("\n")).toBeLessThanOrEqual(4);

    const deps = await countStatements(`{
      dependencies(first: 50) { edges { node { weight
        provider { __typename ... on Vendor { dependents(first: 5) { edges { cursor } } } ... on Facility { dependents(first: 5) { edges { cursor } } } }
        dependent { models(first: 5) { edges { cursor } } disclosures(first: 5) { edges { cursor } } marketShares(first: 5) { edges { cursor } } } } } }
    }`);
    const types = new Set(deps.data.dependencies.edges.map((e: any) => e.node.provider.__typename));
    expect(types).toEqual(new Set(["Vendor", "Facility"]));
    // dependencies, vendors by id (providers and dependents batched together), facilities by id,
    // dependents of vendors, dependents of facilities, models, disclosures, market shares.
    expect(deps.statements.length, deps.statements.join("\n")).toBeLessThanOrEqual(8);
  });

  describe("through Apollo (variables are coerced before execution)", () => {
    let server: ApolloServer<RequestContext>;
    beforeAll(async () => {
      server = new ApolloServer<RequestContext>({ schema: graphqlSchema() });
      await server.start();
    });
    afterAll(() => server.stop());

    async function codes(text: string, variables: Record<string, unknown>) {
      const response = await server.executeOperation(
        { query: text, variables },
        { contextValue: createRequestContext(h.db) },
      );
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
    }

    it.each([
      [
        "a bad enum",
        "query($f: OutageFilter) { outages(filter: $f) { totalCount } }",
        { f: { cause: ["LIGHTNING"] } },
      ],
      [
        "a bad date",
        "query($f: RegulatoryEventFilter) { regulatoryEvents(filter: $f) { totalCount } }",
        { f: { announcedOn: { from: "2024-02-30" } } },
      ],
      [
        "a bad instant",
        "query($f: OutageFilter) { outages(filter: $f) { totalCount } }",
        { f: { startedAt: { from: "yesterday" } } },
      ],
      [
        "a bad day",
        "query($d: Date) { marketShares(filter: { containing: $d }) { totalCount } }",
        { d: "2024-13-01" },
      ],
      ["first: 0", "query($n: Int) { models(first: $n) { totalCount } }", { n: 0 }],
      ["first: 101", "query($n: Int) { dependencies(first: $n) { totalCount } }", { n: 101 }],
      ["a malformed cursor", "query($c: String) { disclosures(after: $c) { totalCount } }", { c: "%%%" }],
    ])("%s → BAD_USER_INPUT", async (_, text, variables) => {
      expect(await codes(text, variables)).toEqual(["BAD_USER_INPUT"]);
    });

    it("valid variables pass", async () => {
      expect(
        await codes("query($f: OutageFilter) { outages(filter: $f) { totalCount } }", {
          f: { cause: ["POWER"], startedAt: { from: "2020-01-01T00:00:00Z" } },
        }),
      ).toEqual([]);
    });
  });
});
