/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL responses are untyped JSON here */
import fc from "fast-check";
import {
  type GraphQLArgument,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphqlSchema } from "../../src/api/schema.ts";
import { createKey } from "../../src/auth/manage.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { encodeCursor } from "../../src/graphql/connection.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { countRows } from "../support/row-counts.ts";
import { postGraphql, type RunningServer, startServer } from "./support.ts";

// Hostile and accidental bad input over real HTTP: every answer is a typed 4xx-class error or a
// refusal (never a 500 or INTERNAL_SERVER_ERROR), the server stays up, and no row changes.

/** Codes a bad request may be answered with. */
const TYPED = new Set([
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "NOT_FOUND",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "QUERY_TOO_COMPLEX",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
]);

const schema = createGraphqlSchema();

/** A valid value for a required argument of this type, so the fuzzed argument is the only bad one. */
function validValue(type: GraphQLInputType): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [validValue(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isInputObjectType(inner)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields()))
      if (isNonNullType(f.type)) out[f.name] = validValue(f.type);
    return out;
  }
  switch (inner.name) {
    case "Int":
    case "NonNegativeInt":
      return 1;
    case "Float":
    case "NonNegativeFloat":
      return 1;
    case "Boolean":
      return true;
    case "Date":
      return "2025-01-01";
    case "DateTime":
      return "2025-01-01T00:00:00Z";
    case "CountryCode":
      return "US";
    case "ID":
      return toGlobalId("Vendor", 1);
    default:
      return "x";
  }
}

/** Every place a root field takes a string-like value: an argument, or an input field one level down. */
interface Site {
  field: string;
  args: readonly GraphQLArgument[];
  target: string; // "arg" or "arg.inputField"
  type: GraphQLInputType;
}

const stringLike = (t: GraphQLInputType) => {
  const named = getNamedType(t);
  return (
    isScalarType(named) &&
    !["Int", "Float", "Boolean", "NonNegativeInt", "NonNegativeFloat"].includes(named.name)
  );
};

function sites(): Site[] {
  const out: Site[] = [];
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    for (const arg of field.args) {
      if (stringLike(arg.type))
        out.push({ field: field.name, args: field.args, target: arg.name, type: arg.type });
      const named = getNamedType(arg.type);
      if (isInputObjectType(named)) {
        for (const f of Object.values(named.getFields())) {
          if (stringLike(f.type))
            out.push({ field: field.name, args: field.args, target: `${arg.name}.${f.name}`, type: f.type });
          const inner = getNamedType(f.type);
          if (isInputObjectType(inner)) {
            for (const g of Object.values(inner.getFields())) {
              if (stringLike(g.type))
                out.push({
                  field: field.name,
                  args: field.args,
                  target: `${arg.name}.${f.name}.${g.name}`,
                  type: g.type,
                });
            }
          }
        }
      }
    }
  }
  return out;
}

/** A request putting `value` at the site (as a variable, so any string can be sent), with valid required args. */
function requestAt(site: Site, value: unknown) {
  const [argName, ...rest] = site.target.split(".");
  const variables: Record<string, unknown> = {};
  const decls: string[] = [];
  const args = site.args
    .filter((a) => a.name === argName || isNonNullType(a.type))
    .map((a) => {
      let v: unknown = a.name === argName && rest.length === 0 ? value : validValue(a.type);
      if (a.name === argName && rest.length > 0) {
        const base = (validValue(a.type) ?? {}) as Record<string, any>;
        if (rest.length === 1) base[rest[0] as string] = value;
        else base[rest[0] as string] = { ...(base[rest[0] as string] ?? {}), [rest[1] as string]: value };
        v = base;
      }
      variables[a.name] = v;
      decls.push(`$${a.name}: ${a.type.toString()}`);
      return `${a.name}: $${a.name}`;
    });
  const query = `query Fuzz(${decls.join(", ")}) { ${site.field}(${args.join(", ")}) { __typename } }`;
  return { query, variables };
}

const nasty = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFFy",
  "'; drop table vendors; --",
  '" or 1=1 --',
  "%_\\",
  "$1",
  "Robert'); DELETE FROM facilities;--",
  "\u202Eevil\u202C",
  "😀🏳️‍🌈",
  "e\u0301",
  "ｆｕｌｌ",
  "0000-01-01",
  "2025-02-30",
  "10000-01-01",
  "-0001-01-01",
  "9999-12-31T23:59:60Z",
  "",
  " ",
  "a".repeat(200_000),
  "null",
  "undefined",
  "[]",
  "{}",
];

describe(`bad input over HTTP (${testBackend()})`, () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let before: Record<string, number>;
  let requests = 0;
  let admin: Record<string, string> = {};

  beforeAll(async () => {
    handle = await testDatabase("seeded");
    server = await startServer(handle, { settings: { RATE_LIMIT_COST: 0 } });
    // Fuzzed strings go out with an ADMIN key, so that they reach every field's resolver (ADMIN-only
    // fields such as auditLog and apiKeys included) rather than stopping at UNAUTHENTICATED.
    const { secret } = await createKey(handle.db, { name: "bad-input suite", role: "ADMIN" }, "test");
    admin = { authorization: `Bearer ${secret}` };
    before = await countRows(handle);
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
  });

  async function expectTyped(res: Response, label: string) {
    requests++;
    expect(res.status, label).toBeLessThan(500);
    const text = await res.text();
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${label}: not JSON: ${text.slice(0, 200)}`);
    }
    for (const e of body.errors ?? []) {
      expect(TYPED.has(e.extensions?.code), `${label}: ${JSON.stringify(e).slice(0, 300)}`).toBe(true);
    }
    return body;
  }

  it("answers malformed HTTP requests with typed 4xx errors", async () => {
    const url = `${server.url}/graphql`;
    const cases: [string, RequestInit][] = [
      [
        "malformed JSON",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"query": "{ __typename }"',
        },
      ],
      [
        "JSON string body",
        { method: "POST", headers: { "content-type": "application/json" }, body: '"{ __typename }"' },
      ],
      ["JSON number body", { method: "POST", headers: { "content-type": "application/json" }, body: "42" }],
      [
        "query not a string",
        { method: "POST", headers: { "content-type": "application/json" }, body: '{"query": 42}' },
      ],
      [
        "variables not an object",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: '{"query": "{ __typename }", "variables": [1]}',
        },
      ],
      ["text/plain", { method: "POST", headers: { "content-type": "text/plain" }, body: "{ __typename }" }],
      ["xml", { method: "POST", headers: { "content-type": "application/xml" }, body: "<q/>" }],
      [
        "form",
        { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "query=x" },
      ],
      ["no body", { method: "POST", headers: { "content-type": "application/json" } }],
      [
        "batched array",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]),
        },
      ],
      [
        "body over 1 MB",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ __typename } #${"x".repeat(1_100_000)}` }),
        },
      ],
      [
        "PUT",
        {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: '{"query":"{ __typename }"}',
        },
      ],
    ];
    for (const [label, init] of cases) await expectTyped(await fetch(url, init), label);
  });

  it("refuses bombs and oversized documents", async () => {
    const docs: [string, string][] = [
      ["circular fragments", "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"],
      ["self fragment", "query { vendors(first: 1) { ...V } } fragment V on VendorConnection { ...V }"],
      ["alias bomb", `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(" ")} }`],
      [
        "depth bomb",
        `{ ${"vendors(first: 1) { edges { node { facilities(first: 1) { edges { node { operator { ".repeat(5)} name ${"} } } } } } } } } ".repeat(5)} }`,
      ],
      ["1 MB document", `{ ${"__typename ".repeat(95_000)} }`],
      ["huge list", `{ nodes(ids: [${Array.from({ length: 5_000 }, () => '"x"').join(",")}]) { id } }`],
      ["directive bomb", `{ __typename ${"@include(if: true) ".repeat(200)} }`],
      ["unknown operation", "query A { __typename } query B { __typename }"],
    ];
    for (const [label, query] of docs) await expectTyped(await postGraphql(server.url, { query }), label);
    const ops = await expectTyped(
      await postGraphql(server.url, { query: "query A { __typename }", operationName: "Nope" }),
      "missing op",
    );
    expect(ops.errors).toBeDefined();
  });

  it("refuses the issue's 18 known inputs with BAD_USER_INPUT (NUL, forged cursors, year 0) and scores a decommissioned facility as null", async () => {
    const forged = (entity: string, ordering: string, v: string | null, i: number) =>
      encodeCursor({ entity, ordering }, { value: v, id: i });
    const cases: [string, string, Record<string, unknown>][] = [
      [
        "search NUL",
        "query($s: String) { vendors(filter: { search: $s }) { totalCount } }",
        { s: "a\u0000" },
      ],
      ["slug NUL", "query($s: String) { vendor(slug: $s) { name } }", { s: "nv\u0000idia" }],
      ["facility slug NUL", "query($s: String) { facility(slug: $s) { name } }", { s: "\u0000" }],
      [
        "cursor NUL",
        "query($c: String) { vendors(after: $c) { totalCount } }",
        { c: forged("Vendor", "NAME:ASC", "a\u0000", 1) },
      ],
      [
        "cursor id too big",
        "query($c: String) { vendors(after: $c) { totalCount } }",
        { c: forged("Vendor", "NAME:ASC", "a", 99_999_999_999) },
      ],
      [
        "cursor id negative",
        "query($c: String) { vendors(after: $c) { totalCount } }",
        { c: forged("Vendor", "NAME:ASC", "a", -5) },
      ],
      [
        "cursor bad date",
        "query($c: String) { outages(after: $c) { totalCount } }",
        { c: forged("Outage", "STARTED_AT:DESC", "yesterday", 1) },
      ],
      [
        "cursor year 0",
        "query($c: String) { regulatoryEvents(after: $c) { totalCount } }",
        { c: forged("RegulatoryEvent", "ANNOUNCED_ON:DESC", "0000-01-01", 1) },
      ],
      [
        "cursor huge number",
        "query($c: String) { facilities(after: $c, orderBy: { field: IT_POWER_MW, direction: ASC }) { totalCount } }",
        { c: forged("Facility", "IT_POWER_MW:ASC", "1e999", 1) },
      ],
      [
        "outage year 0",
        '{ outages(filter: { startedAt: { from: "0000-01-01T00:00:00Z" } }) { totalCount } }',
        {},
      ],
      [
        "regulation year 0",
        '{ regulatoryEvents(filter: { announcedOn: { from: "0000-01-01" } }) { totalCount } }',
        {},
      ],
    ];
    for (const [label, query, variables] of cases) {
      const body = await expectTyped(await postGraphql(server.url, { query, variables }), label);
      expect(body.errors?.[0]?.extensions?.code, label).toBe("BAD_USER_INPUT");
    }
    const risk = await expectTyped(
      await postGraphql(server.url, {
        query: '{ facilities(first: 100) { edges { node { status risk(asOf: "2025-06-01") { score } } } } }',
      }),
      "risk of every facility",
    );
    expect(risk.errors).toBeUndefined();
    expect(risk.data.facilities.edges.length).toBeGreaterThan(0);
  });

  it("answers hand-picked nasty strings at every string argument with data or a typed error", async () => {
    for (const site of sites()) {
      for (const value of nasty) {
        const res = await postGraphql(server.url, requestAt(site, value), admin);
        await expectTyped(res, `${site.field}(${site.target}) ← ${JSON.stringify(value).slice(0, 40)}`);
      }
    }
  }, 240_000);

  it("answers generated strings at every string argument with data or a typed error", async () => {
    const all = sites();
    const arbitraryString = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.string({
        unit: fc.constantFrom("\u0000", "\uD800", "'", '"', "\\", "%", "_", ";", "-", "a", "é", "😀"),
        maxLength: 20,
      }),
      fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "NaN-NaN" : d.toISOString())),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), arbitraryString, async (site, value) => {
        const res = await postGraphql(server.url, requestAt(site, value), admin);
        await expectTyped(res, `${site.field}(${site.target}) ← ${JSON.stringify(value)}`);
      }),
      { numRuns: 400 },
    );
  }, 240_000);

  it("sent at least 500 bad requests, stays up, and changed no row", async () => {
    expect(requests).toBeGreaterThanOrEqual(500);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await countRows(handle)).toEqual(before);
  });
});
