import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { MASKED_MESSAGE } from "../../src/http/errors.ts";
import { testDatabase } from "../support/database.ts";
import { getGraphql, postGraphql, probeSchema, type RunningServer, SECRET, startServer } from "./support.ts";

let handle: DatabaseHandle;
let server: RunningServer; // the real schema
let probe: RunningServer; // probe schema, NODE_ENV=production
let probeDev: RunningServer; // probe schema, NODE_ENV=development

beforeAll(async () => {
  handle = await testDatabase("empty");
  server = await startServer(handle, { corsOrigins: ["https://analyst.example"] });
  probe = await startServer(handle, { schema: probeSchema() });
  probeDev = await startServer(handle, { schema: probeSchema(), nodeEnv: "development" });
});

afterAll(async () => {
  await Promise.all([server?.stop(), probe?.stop(), probeDev?.stop()]);
  await handle?.close();
});

describe("POST /graphql", () => {
  it("answers a query with data", async () => {
    const res = await postGraphql(server.url, { query: "{ __typename }" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { __typename: "Query" } });
  });

  it("answers introspection", async () => {
    const res = await postGraphql(server.url, { query: "{ __schema { queryType { name } } }" });
    expect(res.status).toBe(200);
    expect((await res.json()).data.__schema.queryType.name).toBe("Query");
  });

  it("runs mutations", async () => {
    const res = await postGraphql(probe.url, { query: "mutation { touch }" });
    expect(await res.json()).toMatchObject({ data: { touch: "touched" } });
  });

  it("refuses a syntax error with 400 and GRAPHQL_PARSE_FAILED", async () => {
    const res = await postGraphql(server.url, { query: "{ __typename" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("refuses an invalid query with 400 and GRAPHQL_VALIDATION_FAILED", async () => {
    const res = await postGraphql(server.url, { query: "{ noSuchFieldAnywhere }" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].message).toContain("noSuchFieldAnywhere");
    expect(body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses malformed JSON with 400", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toHaveLength(1);
  });
});

describe("media types (GraphQL over HTTP)", () => {
  it("answers application/graphql-response+json when the client accepts it", async () => {
    const res = await postGraphql(
      server.url,
      { query: "{ __typename }" },
      { accept: "application/graphql-response+json, application/json;q=0.9" },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
  });

  it("answers application/json to a client that only accepts JSON", async () => {
    const res = await postGraphql(server.url, { query: "{ __typename }" }, { accept: "application/json" });
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("refuses validation errors with 400 under application/graphql-response+json", async () => {
    const res = await postGraphql(
      server.url,
      { query: "{ noSuchFieldAnywhere }" },
      { accept: "application/graphql-response+json" },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
  });

  it("refuses a request accepting neither JSON type with 406", async () => {
    const res = await postGraphql(server.url, { query: "{ __typename }" }, { accept: "text/html" });
    expect(res.status).toBe(406);
  });
});

describe("GET /graphql", () => {
  it("answers a query", async () => {
    const res = await getGraphql(server.url, "{ __typename }");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { __typename: "Query" } });
  });

  it("refuses a mutation with 405 and Allow: POST", async () => {
    const res = await getGraphql(probe.url, "mutation { touch }");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("CSRF prevention", () => {
  const blocked = /Cross-Site Request Forgery/;

  it("refuses a GET without a preflight-forcing header", async () => {
    const res = await getGraphql(server.url, "{ __typename }", {});
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(blocked);
  });

  it("refuses a simple text/plain POST", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(blocked);
  });

  it("refuses a simple form POST", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "query=%7B__typename%7D",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(blocked);
  });
});

describe("CORS", () => {
  it("allows a configured origin", async () => {
    const res = await postGraphql(
      server.url,
      { query: "{ __typename }" },
      { origin: "https://analyst.example" },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://analyst.example");
  });

  it("answers a configured origin's preflight", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: {
        origin: "https://analyst.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://analyst.example");
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
    expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
  });

  it("gives any other origin no CORS headers", async () => {
    const res = await postGraphql(
      server.url,
      { query: "{ __typename }" },
      { origin: "https://evil.example" },
    );
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${server.url}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no origin when none is configured", async () => {
    const res = await postGraphql(probe.url, { query: "{ ok }" }, { origin: "https://analyst.example" });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("error masking", () => {
  it("masks an unexpected error outside development: fixed message, no stack trace", async () => {
    const res = await postGraphql(probe.url, { query: "{ ok unexpected }" });
    const text = await res.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
    const body = JSON.parse(text);
    expect(body.data).toEqual({ ok: "ok", unexpected: null });
    expect(body.errors).toEqual([
      {
        message: MASKED_MESSAGE,
        locations: [{ line: 1, column: 6 }],
        path: ["unexpected"],
        extensions: { code: "INTERNAL_SERVER_ERROR", requestId: res.headers.get("x-request-id") },
      },
    ]);
  });

  it("passes through an error thrown on purpose with a code", async () => {
    const body = await (await postGraphql(probe.url, { query: "{ notFound }" })).json();
    expect(body.errors[0].message).toBe("No vendor with slug 'nope'");
    expect(body.errors[0].extensions).toEqual({ code: "NOT_FOUND" });
  });

  it("shows the message and stack trace in development", async () => {
    const body = await (await postGraphql(probeDev.url, { query: "{ unexpected }" })).json();
    expect(body.errors[0].message).toBe(SECRET);
    expect(body.errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(body.errors[0].extensions.stacktrace.join("\n")).toContain(SECRET);
  });
});

describe("repeated documents (compiled by graphql-jit from the second run on)", () => {
  /** The bodies of `times` identical requests, x-request-id taken out (it differs per request). */
  async function bodies(url: string, body: unknown, times = 3): Promise<unknown[]> {
    const out: unknown[] = [];
    for (let i = 0; i < times; i++) {
      const res = await postGraphql(url, body);
      const json = await res.json();
      for (const e of json.errors ?? []) delete e.extensions?.requestId;
      out.push({ status: res.status, json });
    }
    return out;
  }
  const same = (runs: unknown[]) => {
    for (const run of runs.slice(1)) expect(run).toEqual(runs[0]);
  };

  it("answers a repeated query the same every time", async () => {
    const runs = await bodies(server.url, {
      query: `query Q($n: Int) { vendors(first: $n) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id name facilities(first: 2) { totalCount edges { node { name operator { name } } } } } } } }`,
      variables: { n: 3 },
    });
    same(runs);
    expect((runs[0] as { json: { data: unknown } }).json.data).toBeDefined();
  });

  it("reports the same errors every time: resolver errors, masking, bad variables, unknown operations", async () => {
    same(await bodies(probe.url, { query: "{ ok unexpected notFound }" }));
    same(
      await bodies(server.url, {
        query: "query($n: Int) { vendors(first: $n) { totalCount } }",
        variables: { n: "x" },
      }),
    );
    same(await bodies(server.url, { query: "query($n: Int!) { vendors(first: $n) { totalCount } }" }));
    same(await bodies(server.url, { query: "query A { __typename }", operationName: "Nope" }));
    same(await bodies(server.url, { query: "{ vendors(first: 500) { totalCount } }" }));
    same(await bodies(server.url, { query: '{ vendor(slug: "no-such-vendor") { name } }' }));
  });

  it("runs repeated mutations and introspection through graphql-js, as the first time", async () => {
    same(await bodies(probe.url, { query: "mutation { touch }" }));
    same(await bodies(server.url, { query: "{ __schema { queryType { name } } __typename }" }));
  });
});

describe("other routes", () => {
  it("answers unknown paths with a JSON 404", async () => {
    const res = await fetch(`${server.url}/no-such-page`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe("NOT_FOUND");
  });
});
