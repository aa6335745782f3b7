import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import type { DigestDocument } from "../../src/digests/document.ts";
import { previewDigest } from "../../src/digests/preview.ts";
import { renderDigest } from "../../src/digests/render/index.ts";
import { BUILT_IN_SIGNALS } from "../../src/signals/built-in.ts";
import { testBackend, testDatabase } from "../support/database.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const requireBrowser = Boolean(process.env.REQUIRE_BROWSER);
if (!hasChromium && !requireBrowser) {
  console.log(
    `SKIPPED digest HTML browser check: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or REQUIRE_BROWSER=1 to fail)`,
  );
}

describe(`digest rendering (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let doc: DigestDocument;
  let empty: DigestDocument;
  beforeAll(async () => {
    h = await testDatabase("seeded");
    doc = await previewDigest(h.db, {
      signals: BUILT_IN_SIGNALS.map((s) => s.slug),
      from: null,
      to: new Date(),
      baseUrl: "http://hyperscope.test",
    });
    empty = await previewDigest(h.db, {
      signals: ["severe-cloud-outages"],
      from: new Date(Date.now() + 60_000),
      to: new Date(Date.now() + 120_000),
      baseUrl: "http://hyperscope.test",
    });
  });
  afterAll(async () => h?.close());

  it("Markdown lists every item under its signal with its link and sources; an empty digest says so", () => {
    const md = renderDigest(doc, "MARKDOWN");
    for (const s of doc.signals) expect(md).toContain(`## ${s.name}`);
    for (const i of doc.items) {
      expect(md).toContain(i.link);
      for (const s of i.sources) expect(md).toContain(`(${s.url})`);
    }
    expect(md).toContain("### Largest risk movers");
    expect(md).not.toContain("Nothing new matched");
    const none = renderDigest(empty, "MARKDOWN");
    expect(none).toContain("Nothing new matched the watched signals in this period.");
    expect(empty.empty).toBe(true);
  });

  it("JSON is the versioned document: parses back to the same items", () => {
    const parsed = JSON.parse(renderDigest(doc, "JSON"));
    expect(parsed.version).toBe(1);
    expect(parsed.items).toHaveLength(doc.items.length);
    expect(parsed.items.map((i: { id: string | null }) => i.id)).toEqual(doc.items.map((i) => i.id));
    for (const key of [
      "subscription",
      "slot",
      "window",
      "indexDates",
      "signals",
      "items",
      "charts",
      "empty",
    ]) {
      expect(parsed).toHaveProperty(key);
    }
    expect(parsed.charts.concentrationTrends.length).toBeGreaterThan(0);
    expect(parsed.charts.concentrationTrends[0].points).toHaveLength(12);
  });

  it("HTML has inline SVG charts and no external assets (no src=, no stylesheet links, no scripts)", () => {
    const html = renderDigest(doc, "HTML");
    expect((html.match(/<svg /g) ?? []).length).toBe(doc.charts.concentrationTrends.length + 1);
    expect(html).not.toMatch(/<script|<link |src=|@import|url\(/i);
    for (const i of doc.items) expect(html).toContain(i.title.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
  });

  it.skipIf(!hasChromium && !requireBrowser)(
    "HTML opens in headless Chromium with the network cut off; screenshot saved to test-artifacts/",
    async () => {
      if (!hasChromium) throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);
      const dir = mkdtempSync(join(tmpdir(), "digest-html-"));
      const file = join(dir, "digest.html");
      writeFileSync(file, renderDigest(doc, "HTML"));
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu"],
      });
      try {
        const context = await browser.newContext({ viewport: { width: 700, height: 900 }, offline: true });
        const requested: string[] = [];
        await context.route("**/*", (route) => {
          const url = route.request().url();
          if (url.startsWith("file:")) return route.continue();
          requested.push(url);
          return route.abort();
        });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(pathToFileURL(file).toString());
        expect(await page.title()).toContain("Hyperscope digest");
        expect(await page.locator("svg").count()).toBe(doc.charts.concentrationTrends.length + 1);
        const box = await page.locator("svg").first().boundingBox();
        expect(box?.width).toBeGreaterThan(100);
        expect(await page.locator("text=Open in GraphiQL").count()).toBe(doc.items.length);
        mkdirSync("test-artifacts", { recursive: true });
        const shot = join("test-artifacts", `digest-html-${testBackend()}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        await page.screenshot({ path: join("test-artifacts", `digest-html-${testBackend()}-top.png`) });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
        expect(requested).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
