/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */

import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { worstRequests } from "../../bench/worst-requests.ts";
import { createGraphqlSchema } from "../../src/api/schema.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { graphiqlExamples } from "../../src/http/graphiql/examples.ts";
import { queryCost } from "../../src/limits/cost.ts";
import { defaultHardening } from "../../src/limits/settings.ts";
import { postGraphql, type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";

describe(`limits before execution (${testBackend()})`, () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let limited: RunningServer;
  const statements: string[] = [];

  beforeAll(async () => {
    handle = await testDatabase("seeded");
    handle.onStatement((s) => statements.push(s));
    server = await startServer(handle);
    limited = await startServer(handle, { settings: { RATE_LIMIT_COST: 300, RATE_LIMIT_WINDOW_S: 3_600 } });
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), limited?.stop()]);
    await handle?.close();
  });

  async function refused(query: string, limit: string) {
    statements.length = 0;
    const res = await postGraphql(server.url, { query });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit });
    expect(body.errors[0].message).toContain(`limit: ${limit}`);
    expect(statements, "no SQL may run for a refused query").toEqual([]);
    return body;
  }

  it("reports the cost of every response in extensions.cost", async () => {
    const res = await postGraphql(server.url, {
      query: "{ vendors(first: 10) { edges { node { name facilities(first: 5) { totalCount } } } } }",
    });
    const body = await res.json();
    expect(body.data.vendors.edges.length).toBeGreaterThan(0);
    // 1 + 10 × (node 1 + facilities (1 + 5 × totalCount 1)) = 1 + 10 × 7
    expect(body.extensions.cost).toEqual({ requested: 71, limit: defaultHardening.MAX_COST });
    const invalid = await (await postGraphql(server.url, { query: "{ nope }" })).json();
    expect(invalid.extensions.cost).toEqual({ requested: null, limit: defaultHardening.MAX_COST });
  });

  it("costs a repeated document by its variables each time, and refuses a repeated bad literal each time", async () => {
    const query = "query($n: Int) { vendors(first: $n) { edges { node { name } } } }";
    const costOf = async (n: number) =>
      (await (await postGraphql(server.url, { query, variables: { n } })).json()).extensions.cost.requested;
    // 1 + n × node 1; the same parsed document each time (Apollo's document store).
    expect([await costOf(5), await costOf(30), await costOf(5)]).toEqual([6, 31, 6]);
    for (let i = 0; i < 2; i++) {
      const res = await postGraphql(server.url, { query: '{ vendor(slug: "a\u0000b") { name } }' });
      expect(res.status).toBe(400);
      expect((await res.json()).errors[0].extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        argument: "query",
      });
    }
  });

  it("refuses the depth-7 vendors > facilities > operator probe (by depth), and a shallower one by cost, before any SQL", async () => {
    await refused(worstRequests.depth7, "depth");
    const shallow = `{ vendors(first: 100) { edges { node { facilities(first: 100) { edges { node { operator {
      facilities(first: 100) { edges { node { name } } } } } } } } } } }`;
    const body = await refused(shallow, "cost");
    expect(body.errors[0].extensions.requested).toBeGreaterThan(defaultHardening.MAX_COST);
    expect(body.errors[0].extensions.max).toBe(defaultHardening.MAX_COST);
  });

  it("refuses 20 aliases of riskScores(first: 100) and 1,000 aliases of facilities(first: 1)", async () => {
    await refused(worstRequests.riskAliases, "aliases");
    await refused(worstRequests.countAliases, "tokens");
  });

  it("refuses deep nesting, many directives and long documents", async () => {
    const deep = `{ vendors(first: 1) { edges { node { ${"facilities(first: 1) { edges { node { operator { ".repeat(4)} name ${"} } } }".repeat(4)} } } } }`;
    await refused(deep, "depth");
    await refused(`{ __typename ${"@skip(if: false) ".repeat(60)} }`, "directives");
    await refused(`{ ${"__typename ".repeat(3000)} }`, "tokens");
  });

  it("prices riskScores per row: 10 aliases of riskScores(first: 100) exceed the cost limit", async () => {
    const ten = `{ ${Array.from({ length: 10 }, (_, i) => `r${i}: riskScores(subject: FACILITY, asOf: "2025-01-01", first: 100) { edges { node { score } } }`).join(" ")} }`;
    await refused(ten, "cost");
  });

  it("charges cost to the caller's budget and answers RATE_LIMITED with Retry-After when spent", async () => {
    const query = "{ vendors(first: 100) { edges { node { name } } } }"; // cost 101
    const codes: (string | undefined)[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await postGraphql(limited.url, { query });
      const body = await last.json();
      codes.push(body.errors?.[0]?.extensions?.code);
      if (body.errors) expect(body.errors[0].extensions.retryAfter).toBeGreaterThanOrEqual(1);
    }
    expect(codes).toEqual([undefined, undefined, "RATE_LIMITED", "RATE_LIMITED"]);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("answers the worst query the limits allow, four at once, and stays up with bounded memory", async () => {
    // Two aliases of 100 vendors × 100 facilities each with its operator: cost just under the limit.
    const part = (alias: string) =>
      `${alias}: vendors(first: 100) { edges { node { name facilities(first: 100) { edges { node { name operator { name } } } } } } }`;
    const query = `{ ${part("a")} ${part("b")} }`;
    const heapBefore = process.memoryUsage().heapUsed;
    const answers = await Promise.all(
      Array.from({ length: 4 }, async () => (await postGraphql(server.url, { query })).json()),
    );
    for (const body of answers) {
      expect(body.errors).toBeUndefined();
      expect(body.extensions.cost.requested).toBeGreaterThan(defaultHardening.MAX_COST * 0.75);
      expect(body.extensions.cost.requested).toBeLessThanOrEqual(defaultHardening.MAX_COST);
      expect(body.data.a.edges.length).toBeGreaterThan(0);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
  });

  it("lets every GraphiQL example through", () => {
    const schema = createGraphqlSchema();
    for (const example of graphiqlExamples) {
      const cost = queryCost(schema, parse(example.query), undefined, example.variables);
      expect(cost, example.name).not.toBeNull();
      expect(cost as number, example.name).toBeLessThanOrEqual(defaultHardening.MAX_COST);
    }
  });
});
