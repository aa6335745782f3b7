import { buildSchema, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphqlSchema } from "../../src/api/schema.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { graphiqlExamples, validateExamples } from "../../src/http/graphiql/examples.ts";
import { testDatabase } from "../support/database.ts";
import { postGraphql, type RunningServer, startServer } from "./support.ts";

let handle: DatabaseHandle;
let server: RunningServer;
let html: string;
let response: Response;

beforeAll(async () => {
  handle = await testDatabase("seeded");
  server = await startServer(handle);
  response = await fetch(`${server.url}/graphiql`);
  html = await response.text();
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
});

/** Every URL the page references: src/href attributes, and anything that looks like an absolute URL. */
function referencedUrls(page: string): { attributes: string[]; absolute: string[] } {
  const attributes = [...page.matchAll(/\s(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] as string);
  const absolute = [...page.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+(?::\d+)?[^\s"'<>)]*/gi)].map((m) => m[0]);
  return { attributes, absolute };
}

describe("GET /graphiql", () => {
  it("is an HTML page that loads GraphiQL", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html).toContain('id="graphiql"');
    expect(html).toMatch(/<script src="[^"]*graphiql\.min\.js"><\/script>/);
  });

  it("references no URL outside its own origin", () => {
    const { attributes, absolute } = referencedUrls(html);
    expect(attributes.length).toBeGreaterThanOrEqual(5);
    const origin = new URL(server.url).origin;
    for (const ref of [...attributes, ...absolute]) {
      expect(new URL(ref, `${server.url}/graphiql`).origin, ref).toBe(origin);
    }
  });

  it("is served with a same-origin-only content security policy", () => {
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });

  it("serves every asset it references with 200 and the right media type", async () => {
    const { attributes } = referencedUrls(html);
    for (const ref of attributes) {
      const res = await fetch(new URL(ref, `${server.url}/graphiql`));
      expect(res.status, ref).toBe(200);
      const type = res.headers.get("content-type") ?? "";
      if (ref.endsWith(".js")) expect(type, ref).toMatch(/javascript/);
      if (ref.endsWith(".css")) expect(type, ref).toMatch(/^text\/css/);
      expect((await res.arrayBuffer()).byteLength, ref).toBeGreaterThan(0);
    }
  });

  it("serves only allow-listed assets", async () => {
    for (const path of ["no-such.js", "..%2Fpackage.json", "..%2F..%2Fpackage.json"]) {
      const res = await fetch(`${server.url}/graphiql/assets/${path}`);
      expect(res.status, path).toBe(404);
    }
  });

  it("opens with the examples that validate against the served schema, pointed at /graphql", () => {
    const json = html.match(
      /<script id="hyperscope-graphiql-config" type="application\/json">(.*?)<\/script>/s,
    );
    expect(json).not.toBeNull();
    const config = JSON.parse(json?.[1] ?? "null");
    expect(config.endpoint).toBe("/graphql");
    const expected = validateExamples(createGraphqlSchema()).valid.map((e) => e.query);
    expect(config.tabs.map((t: { query: string }) => t.query)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });
});

describe("GraphiQL examples", () => {
  it("all parse and have distinct names", () => {
    for (const example of graphiqlExamples) expect(() => parse(example.query), example.name).not.toThrow();
    expect(new Set(graphiqlExamples.map((e) => e.name)).size).toBe(graphiqlExamples.length);
  });

  it("all validate against the served schema (keep them in step with schema/graphql)", () => {
    const { invalid } = validateExamples(createGraphqlSchema());
    expect(invalid).toEqual([]);
  });

  it("all run without errors over HTTP", async () => {
    for (const example of graphiqlExamples) {
      const res = await postGraphql(server.url, { query: example.query, variables: example.variables });
      const body = await res.json();
      expect(body.errors, example.name).toBeUndefined();
      expect(res.status, example.name).toBe(200);
      expect(Object.keys(body.data).length, example.name).toBeGreaterThan(0);
    }
  });

  it("leaves off an example that does not validate", () => {
    const schema = buildSchema("type Query { a: Int }");
    const { valid, invalid } = validateExamples(schema, [
      { name: "good", query: "{ a }" },
      { name: "bad", query: "{ b }" },
      { name: "broken", query: "{ a" },
    ]);
    expect(valid.map((e) => e.name)).toEqual(["good"]);
    expect(invalid.map((e) => e.name)).toEqual(["bad", "broken"]);
    expect(invalid[0]?.errors[0]).toContain('"b"');
  });
});
