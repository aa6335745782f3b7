import { makeExecutableSchema } from "@graphql-tools/schema";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { postGraphql, type RunningServer, startServer } from "./support.ts";

// The request deadline on either backend: once it has passed, the request sends no further
// statement (PGlite cannot interrupt a running one) and answers TIMEOUT; other requests are unaffected.
describe(`request deadline (${testBackend()})`, () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  const sent: string[] = [];

  beforeAll(async () => {
    handle = await testDatabase("empty");
    handle.onStatement((s) => sent.push(s));
    const schema = makeExecutableSchema({
      typeDefs: "type Query { slowThenQuery(ms: Int!): Int }",
      resolvers: {
        Query: {
          slowThenQuery: async (_: unknown, args: { ms: number }) => {
            await new Promise((r) => setTimeout(r, args.ms)); // work outside the database
            const [row] = await queryRows<{ n: number }>(handle.db, sql`select 42 as n /* after-the-wait */`);
            return row?.n;
          },
        },
      },
    });
    server = await startServer(handle, { schema, settings: { REQUEST_TIMEOUT_MS: 300 } });
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
  });

  it("refuses a request's statements after its deadline and answers TIMEOUT", async () => {
    sent.length = 0;
    const late = await (await postGraphql(server.url, { query: "{ slowThenQuery(ms: 600) }" })).json();
    expect(late.errors[0].extensions.code).toBe("TIMEOUT");
    expect(sent.filter((s) => s.includes("after-the-wait"))).toEqual([]);
    const onTime = await (await postGraphql(server.url, { query: "{ slowThenQuery(ms: 10) }" })).json();
    expect(onTime.data.slowThenQuery).toBe(42);
  });
});
