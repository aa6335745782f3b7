import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { runDigestForSlot } from "../../src/digests/run.ts";
import { createSubscription } from "../../src/subscriptions/queries.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";

describe(`Atom feed of a subscription's digests over HTTP (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let server: RunningServer;
  beforeAll(async () => {
    h = await testDatabase("empty");
    server = await startServer(h);
    const sub = await createSubscription(
      h.db,
      {
        slug: "weekly",
        name: "Weekly <watch>",
        cron: "0 9 * * 1",
        timeZone: "Europe/Berlin",
        signals: ["severe-cloud-outages", "ai-output-liability-legislation"],
        formats: ["HTML"],
        folder: "/tmp/hyperscope-feed-test-unused",
      },
      "test",
    );
    for (const slot of ["2026-11-23T08:00:00Z", "2026-11-30T08:00:00Z"]) {
      await runDigestForSlot(h.db, sub, new Date(slot), { baseUrl: "http://localhost:4000" });
    }
  });
  afterAll(async () => {
    await server?.stop();
    await h?.close();
  });

  it("GET /digests/<subscription>.atom lists its digests, newest first, each linking to its HTML", async () => {
    const res = await fetch(`${server.url}/digests/weekly.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/atom\+xml/);
    const xml = await res.text();
    expect(xml).toMatch(/^<\?xml/);
    expect(xml).toContain("<title>Hyperscope digests: Weekly &lt;watch&gt;</title>");
    const entries = xml.match(/<entry>/g) ?? [];
    expect(entries).toHaveLength(2);
    expect(xml.indexOf("2026-11-30T08:00:00.000Z")).toBeLessThan(xml.indexOf("2026-11-23T08:00:00.000Z"));
    const link = /<entry>[\s\S]*?<link href="([^"]+)"/.exec(xml)?.[1] as string;
    expect(link).toMatch(/^http:\/\/localhost:4000\/digests\/weekly\/\d+\.html$/);
    const page = await fetch(`${server.url}${new URL(link).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Nothing new matched the watched signals");
    const md = await fetch(`${server.url}${new URL(link).pathname.replace(/\.html$/, ".md")}`);
    expect(await md.text()).toMatch(/^# Hyperscope digest: Weekly/);
  });

  it("an unknown subscription is 404", async () => {
    expect((await fetch(`${server.url}/digests/nope.atom`)).status).toBe(404);
    expect((await fetch(`${server.url}/digests/weekly/999999.html`)).status).toBe(404);
  });
});
