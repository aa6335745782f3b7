import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { previewDigest } from "../../src/digests/preview.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testDatabase } from "../support/database.ts";

// A digest item's GraphiQL link opens GraphiQL with the item's query and variables in the active tab.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const requireBrowser = Boolean(process.env.REQUIRE_BROWSER);
if (!hasChromium && !requireBrowser) {
  console.log(
    `SKIPPED digest GraphiQL link test: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or REQUIRE_BROWSER=1 to fail)`,
  );
}

describe.skipIf(!hasChromium && !requireBrowser)("a digest item's GraphiQL link in a browser", () => {
  let h: DatabaseHandle;
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    if (!hasChromium) throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);
    h = await testDatabase("seeded");
    server = await startServer(h);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await h?.close();
  });

  it("opens the row's query with its id, and running it returns the row", async () => {
    const doc = await previewDigest(h.db, {
      signals: ["severe-cloud-outages"],
      from: null,
      to: new Date(),
      baseUrl: server.url,
    });
    const item = doc.items[0];
    expect(item?.id).toBeTruthy();
    const link = new URL(item?.link as string);
    const page = await browser.newPage();
    await page.goto(link.toString());
    const query = link.searchParams.get("query") as string;
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector(".graphiql-query-editor .CodeMirror") as unknown as {
          CodeMirror: { getValue(): string };
        } | null;
        return el?.CodeMirror.getValue() === want;
      },
      query,
      { timeout: 30_000 },
    );
    const answer = page.waitForResponse(
      (r) => r.url().endsWith("/graphql") && (r.request().postData() ?? "").includes("query Open"),
    );
    await page.locator(".graphiql-execute-button").click();
    const body = await (await answer).json();
    expect(body.data.node.id).toBe(item?.id);
    expect(body.data.node.severity).toBeGreaterThanOrEqual(4);
    expect(body.data.node.sources.length).toBeGreaterThan(0);
  });
});
