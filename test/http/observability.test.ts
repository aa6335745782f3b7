/* biome-ignore-all lint/suspicious/noExplicitAny: JSON log lines and responses */
import { createHash } from "node:crypto";
import { makeExecutableSchema } from "@graphql-tools/schema";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { getGraphql, postGraphql, type RunningServer, startServer } from "./support.ts";

// Request ids, per-request log lines, masked errors tied to the log, /metrics, the INTROSPECTION
// switch, cache hints for GET reads and automatic persisted queries, over real HTTP.

const PARAM = "xyzzy-user-value";

describe(`observability and production mode (${testBackend()})`, () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let probe: RunningServer;
  let closed: RunningServer;
  let guarded: RunningServer;
  const lines: any[] = [];
  const logger = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s)) });

  beforeAll(async () => {
    handle = await testDatabase("seeded");
    const probeSchema = makeExecutableSchema({
      typeDefs: "type Query { failing(value: String!): String, ok: String }",
      resolvers: {
        Query: {
          ok: () => "ok",
          // A database error whose message quotes the caller's value.
          failing: async (_: unknown, args: { value: string }) => {
            await queryRows(handle.db, sql`select ${args.value}::date as d`);
            return "unreachable";
          },
        },
      },
    });
    server = await startServer(handle, { logger });
    probe = await startServer(handle, { schema: probeSchema, logger });
    closed = await startServer(handle, { settings: { INTROSPECTION: false, METRICS: "off" } });
    guarded = await startServer(handle, { settings: { METRICS_TOKEN: "0123456789abcdef-token" } });
  });
  afterAll(async () => {
    await Promise.all([server, probe, closed, guarded].map((s) => s?.stop()));
    await handle?.close();
  });

  it("honours and echoes x-request-id, and logs one line per request with operation, cost and outcome", async () => {
    const res = await postGraphql(
      server.url,
      { query: "query TopVendors { vendors(first: 2) { edges { node { name } } } }" },
      { "x-request-id": "req-abc-123" },
    );
    expect(res.headers.get("x-request-id")).toBe("req-abc-123");
    await res.json();
    const own = await postGraphql(server.url, { query: "{ __typename }" });
    expect(own.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const line = lines.find((l) => l.requestId === "req-abc-123" && l.msg === "request");
    expect(line).toMatchObject({
      operation: "TopVendors",
      cost: 3,
      outcome: "ok",
      status: 200,
      path: "/graphql",
    });
    expect(typeof line.ms).toBe("number");
  });

  it("logs a GraphQL error as its code, not as ok", async () => {
    const res = await postGraphql(
      server.url,
      { query: '{ vendor(slug: "no-such-vendor") { name } }' },
      {
        "x-request-id": "req-not-found",
      },
    );
    expect(res.status).toBe(200);
    await res.json();
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.find((l) => l.requestId === "req-not-found")?.outcome).toBe("NOT_FOUND");
  });

  it("masks unexpected errors with a request id that is in the log, which carries no SQL or parameters", async () => {
    const res = await postGraphql(probe.url, { query: `{ failing(value: "${PARAM}") }` });
    const body = await res.json();
    const error = body.errors[0];
    expect(error.message).toBe("Internal server error");
    expect(error.extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error.extensions.requestId).toBe(res.headers.get("x-request-id"));
    expect(JSON.stringify(body)).not.toMatch(/select|xyzzy|stack|\.ts/);
    await new Promise((r) => setTimeout(r, 50));
    const tied = lines.filter((l) => l.requestId === error.extensions.requestId);
    const errorLine = tied.find((l) => l.msg === "unexpected GraphQL error");
    expect(errorLine?.error?.code).toMatch(/^22/); // the SQLSTATE survives
    expect(JSON.stringify(tied)).not.toContain(PARAM);
    expect(JSON.stringify(tied)).not.toMatch(/select /i);
  });

  it("serves Prometheus metrics: requests by operation and outcome, latency, cost, pool", async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/hyperscope_graphql_requests_total\{operation="TopVendors",outcome="ok"\} [1-9]/);
    expect(text).toMatch(
      /hyperscope_graphql_requests_total\{operation="anonymous",outcome="NOT_FOUND"\} [1-9]/,
    );
    expect(text).toContain("hyperscope_http_request_duration_seconds_bucket");
    expect(text).toContain("hyperscope_graphql_query_cost_bucket");
    expect(text).toMatch(/hyperscope_db_pool_max \d+/);
    expect(text).toContain("hyperscope_process_resident_memory_bytes");
  });

  it("restricts /metrics: METRICS=off answers 404, METRICS_TOKEN needs the bearer token", async () => {
    expect((await fetch(`${closed.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    const ok = await fetch(`${guarded.url}/metrics`, {
      headers: { authorization: "Bearer 0123456789abcdef-token" },
    });
    expect(ok.status).toBe(200);
  });

  it("INTROSPECTION=false refuses introspection and hides field suggestions", async () => {
    const intro = await (
      await postGraphql(closed.url, { query: "{ __schema { queryType { name } } }" })
    ).json();
    expect(intro.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await (
      await postGraphql(closed.url, { query: "{ vendors(first: 1) { totalCont } }" })
    ).json();
    expect(typo.errors[0].message).not.toMatch(/Did you mean/);
    const open = await (
      await postGraphql(server.url, { query: "{ vendors(first: 1) { totalCont } }" })
    ).json();
    expect(open.errors[0].message).toMatch(/Did you mean "totalCount"/);
  });

  it("gives anonymous GET reads a public max-age for a CDN, and POSTs none", async () => {
    const get = await getGraphql(server.url, "{ vendors(first: 1) { totalCount } }");
    expect(get.status).toBe(200);
    expect(get.headers.get("cache-control")).toBe("max-age=60, public");
    const post = await postGraphql(server.url, { query: "{ vendors(first: 1) { totalCount } }" });
    expect(post.headers.get("cache-control") ?? "").not.toMatch(/max-age=[1-9]/);
  });

  it("keeps automatic persisted queries on", async () => {
    const query = "{ vendors(first: 1) { totalCount } }";
    const hash = createHash("sha256").update(query).digest("hex");
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const url = (params: Record<string, string>) => `${server.url}/graphql?${new URLSearchParams(params)}`;
    const headers = { "apollo-require-preflight": "true" };
    const miss = await (await fetch(url({ extensions }), { headers })).json();
    expect(miss.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const register = await (await fetch(url({ query, extensions }), { headers })).json();
    expect(register.data.vendors.totalCount).toBeGreaterThan(0);
    const hit = await fetch(url({ extensions }), { headers });
    expect((await hit.json()).data.vendors.totalCount).toBe(register.data.vendors.totalCount);
  });
});
