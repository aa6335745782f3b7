import { makeExecutableSchema } from "@graphql-tools/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../../src/api/context.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { postGraphql, type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";

// Index fields share INDEX_CONCURRENCY slots: a burst of them cannot hold every connection, and
// cheap reads and health checks are answered meanwhile.
describe(`index-field concurrency (${testBackend()})`, () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let running = 0;
  let most = 0;
  let finished = 0;
  let calls = 0;

  beforeAll(async () => {
    handle = await testDatabase("empty");
    const schema = makeExecutableSchema({
      typeDefs: "type Query { blastRadius: Int, cheap: Int }",
      resolvers: {
        Query: {
          // As the real index resolvers do: the computation goes through the request's indexRun, which
          // takes the gate (distinct arguments: no cache hit, no shared computation).
          blastRadius: (_: unknown, __: unknown, ctx: RequestContext) =>
            ctx.indexRun("blastRadius", { call: ++calls }, async () => {
              running++;
              most = Math.max(most, running);
              await new Promise((r) => setTimeout(r, 1_000));
              running--;
              finished++;
              return 1;
            }),
          cheap: () => 2,
        },
      },
    });
    server = await startServer(handle, { schema, settings: { INDEX_CONCURRENCY: 2 } });
  });
  afterAll(async () => {
    await server?.stop();
    await handle?.close();
  });

  it("runs at most INDEX_CONCURRENCY index fields at once while cheap reads and /healthz answer", async () => {
    const burst = Array.from({ length: 6 }, () => postGraphql(server.url, { query: "{ blastRadius }" }));
    await new Promise((r) => setTimeout(r, 50));
    const cheap = await (await postGraphql(server.url, { query: "{ cheap }" })).json();
    const health = await fetch(`${server.url}/healthz`);
    expect(cheap.data.cheap).toBe(2);
    expect(health.status).toBe(200);
    expect(finished, "answered while index fields were still queued").toBeLessThan(4);
    const answers = await Promise.all(burst.map(async (r) => (await r).json()));
    expect(answers.every((a) => a.data.blastRadius === 1)).toBe(true);
    expect(most).toBe(2);
  });
});
