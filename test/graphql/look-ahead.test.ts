/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON here */
import {
  defaultFieldResolver,
  execute,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  getNamedType,
  getOperationAST,
  isLeafType,
  parse,
  responsePathAsArray,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestContext } from "../../src/api/context.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { jitExecutor } from "../../src/http/executor.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import {
  countStatements,
  errorCodes,
  graphqlSchema,
  loaderPath,
  query,
  execute as run,
} from "../support/graphql.ts";
import { buildWorld, type World } from "./fixtures.ts";

/**
 * The look-ahead planner (src/graphql/plan): a connection field whose selection is plannable is
 * answered by ONE statement, with exactly the loader path's answer (test/support/graphql.ts compares
 * the two for every planned query of every GraphQL test); what it cannot plan keeps its resolver.
 */
describe(`look-ahead: connections built in one statement (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let w: World;
  beforeAll(async () => {
    h = await testDatabase("empty");
    w = await buildWorld(h.db, { vendors: 20, facilitiesPerVendor: 5 });
  });
  afterAll(() => h.close());

  const nested = (order: string, page = "first: 30") => `{
    facilities(${page}, orderBy: ${order}) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id name itPowerMw rackDensityKwTypical operationalOn status cooling createdAt
        operator { id name kind parent { slug } }
        deployments(first: 2) { pageInfo { hasNextPage hasPreviousPage endCursor }
          edges { cursor node { id acceleratorCount asOf chip { name foundry { name } designer { slug } } } } } } }
    }
  }`;

  for (const order of [
    "{ field: NAME, direction: ASC }",
    "{ field: IT_POWER_MW, direction: DESC }",
    "{ field: IT_POWER_MW, direction: ASC }",
    "{ field: OPERATIONAL_ON, direction: DESC }",
    "{ field: COUNTRY, direction: ASC }",
  ]) {
    it(`the nested facility list by ${order} is one statement (plus totalCount) and the loader path's answer`, async () => {
      const { data, statements } = await countStatements(h, nested(order));
      expect(statements, statements.join("\n")).toHaveLength(2); // the page with its relations, totalCount
      expect(data.facilities.edges).toHaveLength(30);
      expect(data.facilities.totalCount).toBe(w.facilities.length);
      const deployments = data.facilities.edges.flatMap((e: any) => e.node.deployments.edges);
      expect(deployments.length).toBeGreaterThan(30);
      // Same answer with the planner off (query() compares the two paths).
      await query(h.db, nested(order));
    });
  }

  it("pages forward and backward through cursors (nulls last) like the loader path", async () => {
    const order = "{ field: IT_POWER_MW, direction: DESC }";
    let after: string | null = null;
    const seen: string[] = [];
    for (;;) {
      const page: any = await query(h.db, nested(order, `first: 7${after ? `, after: "${after}"` : ""}`));
      seen.push(...page.facilities.edges.map((e: any) => e.node.id));
      if (!page.facilities.pageInfo.hasNextPage) break;
      after = page.facilities.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(w.facilities.length);
    const last: any = await query(h.db, nested(order, `last: 4, before: "${after}"`));
    expect(last.facilities.edges).toHaveLength(4);
    expect(last.facilities.pageInfo.hasPreviousPage).toBe(true);
  });

  it("vendors > facilities (filtered) > deployments > chip > designer is one statement", async () => {
    const text = `{ vendors(first: 8, filter: { kind: [HYPERSCALER, NEOCLOUD] }) { edges { node { name
      facilities(first: 3, filter: { status: [OPERATIONAL, ANNOUNCED] }, orderBy: { field: NAME, direction: DESC }) {
        edges { node { name deployments(first: 2, orderBy: { field: ACCELERATOR_COUNT, direction: ASC }) {
          edges { node { acceleratorCount chip { name designer { name } } } } } } } }
      subsidiaries(first: 2) { edges { node { slug } } }
      chipsDesigned(first: 2) { edges { node { slug } } } } } } }`;
    const { data, statements } = await countStatements(h, text);
    expect(statements).toHaveLength(1);
    expect(data.vendors.edges).toHaveLength(8);
    await query(h.db, text);
  });

  it("a lookup by slug or id (facility, vendor, chip) with its relations is one statement, answered as the loaders answer", async () => {
    const facility = `query($slug: String, $id: ID) { facility(slug: $slug, id: $id) { id name slug itPowerMw createdAt
      operator { name parent { slug } } deployments(first: 2) { edges { node { acceleratorCount chip { name } } } } } }`;
    const first = await query(h.db, facility, { slug: "facility-003-002" });
    for (const [text, variables, path] of [
      [facility, { slug: "facility-003-002" }, "facility"],
      [facility, { slug: "facility-007-004" }, "facility"], // other variables: their own statement and row
      [facility, { id: first.facility.id }, "facility"],
      [
        `{ vendor(slug: "vendor-004") { name facilities(first: 3) { edges { node { slug operator { name } } } } } }`,
        {},
        "vendor",
      ],
      [`{ chip(slug: "chip-002") { name designer { name } foundry { slug } } }`, {}, "chip"],
    ] as const) {
      const { data, statements } = await countStatements(h, text, variables);
      expect(statements, statements.join("\n")).toHaveLength(1);
      expect(data[path]).toBeTruthy();
      await query(h.db, text, variables); // the loader path's answer is the same (two or more statements there)
    }
    expect(first.facility.slug).toBe("facility-003-002");
    expect(first.facility.operator.name).toBeTruthy();
    // No row, and a global id of another type: the same errors as on the loader path.
    const vendorId = (await query(h.db, `{ vendor(slug: "vendor-004") { id } }`)).vendor.id;
    for (const [text, code] of [
      [`{ facility(slug: "no-such-facility") { name operator { name } } }`, "NOT_FOUND"],
      [`{ facility(id: "${vendorId}") { name operator { name } } }`, "BAD_USER_INPUT"],
    ] as const) {
      const planned = await run(h.db, text);
      const loaders = await loaderPath(h.db, parse(text));
      expect(errorCodes(planned)[0]?.code).toBe(code);
      expect(JSON.parse(JSON.stringify(planned))).toEqual(JSON.parse(JSON.stringify(loaders)));
    }
  });

  it("fragments, aliases, variables and @skip/@include are read as the executor reads them", async () => {
    const text = `query($skip: Boolean!, $n: Int) {
      facilities(first: $n) { edges { node { ...F
        a: deployments(first: 1) { edges { node { asOf } } }
        b: deployments(first: 3, orderBy: { field: ACCELERATOR_COUNT, direction: DESC }) { edges { node { acceleratorCount } } }
        operator @skip(if: $skip) { name }
        ... on Fact { confidence } } } } }
      fragment F on Facility { slug op: operator { slug } }`;
    for (const skip of [true, false]) {
      const { data, statements } = await countStatements(h, text, { skip, n: 9 });
      expect(statements).toHaveLength(1);
      expect(data.facilities.edges[0].node.operator === undefined).toBe(skip);
      expect(data.facilities.edges[0].node.b.edges.length).toBeGreaterThan(0);
      await query(h.db, text, { skip, n: 9 }); // and the loader path's answer
    }
  });

  it("what it cannot plan keeps its resolver, with the same answer", async () => {
    // Citations and jurisdictions have resolvers of their own; a nested totalCount is not planned.
    const text = `{ facilities(first: 12) { edges { node { name sources { locator } jurisdictions
      operator { name facilities(first: 2) { totalCount edges { node { slug } } } } } } } }`;
    const { data, statements } = await countStatements(h, text);
    expect(data.facilities.edges).toHaveLength(12);
    // page + operators (planned); citations, jurisdictions, operators' facility pages and their counts.
    expect(statements.length).toBe(5);
    await query(h.db, text);
  });

  it("bad arguments of a nested connection are reported at that field, as on the loader path", async () => {
    const text = `{ facilities(first: 2) { edges { node { name deployments(first: 500) { edges { node { asOf } } } } } } }`;
    const planned = await run(h.db, text);
    const loaders = await loaderPath(h.db, parse(text));
    expect(errorCodes(planned)).toEqual(errorCodes(loaders));
    expect(errorCodes(planned)[0]?.code).toBe("BAD_USER_INPUT");
    expect(JSON.parse(JSON.stringify(planned.errors))).toEqual(JSON.parse(JSON.stringify(loaders.errors)));
  });

  it("rows hold exactly the values the loaders' mappers give (types included)", async () => {
    // Every scalar and enum field without arguments: columns (and ids) the default resolvers read.
    const every = (type: string) =>
      Object.values((graphqlSchema().getType(type) as GraphQLObjectType).getFields())
        .filter((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0)
        .map((f) => f.name)
        .join(" ");
    const text = `{ facilities(first: 40, orderBy: { field: RACK_DENSITY_KW, direction: DESC }) { edges { node { ${every("Facility")}
      operator { ${every("Vendor")} } deployments(first: 3) { edges { node { ${every("Deployment")} chip { ${every("Chip")} } } } } } } } }`;
    const seen = async (lookAhead: boolean) => {
      const values: Record<string, unknown> = {}; // by response path: the two paths resolve in different orders
      const record: GraphQLFieldResolver<any, any> = (source, args, ctx, info) => {
        if (isLeafType(getNamedType(info.returnType))) {
          values[responsePathAsArray(info.path).join(".")] = [info.parentType.name, source[info.fieldName]];
        }
        return defaultFieldResolver(source, args, ctx, info);
      };
      const context = createRequestContext(h.db, undefined, undefined, lookAhead);
      const result = await execute({
        schema: graphqlSchema(),
        document: parse(text),
        contextValue: context,
        fieldResolver: record,
      });
      expect(result.errors).toBeUndefined();
      return { values, plans: context.lookAhead.plans };
    };
    const planned = await seen(true);
    const loaded = await seen(false);
    expect(planned.plans).toBe(1);
    expect(loaded.plans).toBe(0);
    expect(Object.values(planned.values).some(([, v]: any) => v instanceof Date)).toBe(true);
    expect(planned.values).toEqual(loaded.values);
  });
  it("a document run again with other variables gets its own statement, and the same one again its answer", async () => {
    // Apollo hands back the same parsed document for the same query text: the planner keeps the
    // statement per (field, variables), so a repeated document must not be answered with another's page.
    const document = parse(`query ($order: FacilityOrder, $first: Int, $after: String) {
      facilities(first: $first, after: $after, orderBy: $order) {
        pageInfo { endCursor } edges { node { id name operator { name } deployments(first: 1) { edges { node { id } } } } }
      }
    }`);
    const jit = jitExecutor(graphqlSchema(), { interpretedRuns: 0 });
    const runBoth = async (variables: Record<string, unknown>) => {
      const sent: string[] = [];
      const stop = h.onStatement((text) => sent.push(text));
      const plain = await execute({
        schema: graphqlSchema(),
        document,
        variableValues: variables,
        contextValue: createRequestContext(h.db),
      });
      const compiled = await jit({
        document,
        operation: getOperationAST(document),
        context: createRequestContext(h.db),
        request: { variables },
      } as never);
      stop();
      const loaders = await loaderPath(h.db, document, variables);
      expect(plain.errors).toBeUndefined();
      expect(plain).toEqual(loaders);
      expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(loaders)));
      expect(sent).toHaveLength(2); // one planned statement per run
      return plain.data as any;
    };
    const byName = await runBoth({ order: { field: "NAME", direction: "ASC" }, first: 5 });
    const byPower = await runBoth({ order: { field: "IT_POWER_MW", direction: "DESC" }, first: 5 });
    const next = await runBoth({
      order: { field: "NAME", direction: "ASC" },
      first: 5,
      after: byName.facilities.pageInfo.endCursor,
    });
    const ids = (d: any) => d.facilities.edges.map((e: any) => e.node.id);
    expect(ids(byPower)).not.toEqual(ids(byName));
    expect(ids(next).filter((id: string) => ids(byName).includes(id))).toEqual([]);
    expect(await runBoth({ order: { field: "NAME", direction: "ASC" }, first: 5 })).toEqual(byName);
  });
});
