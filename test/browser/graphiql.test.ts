import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphqlSchema } from "../../src/api/schema.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { validateExamples } from "../../src/http/graphiql/examples.ts";
import { postGraphql, type RunningServer, startServer } from "../http/support.ts";
import { testDatabase } from "../support/database.ts";

// Headless Debian Chromium driving GraphiQL against a real server, with every request that does
// not go to that server aborted (and recorded, so the test fails if the page tried to leave).
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const requireBrowser = Boolean(process.env.REQUIRE_BROWSER);

if (!hasChromium && !requireBrowser) {
  console.log(
    `SKIPPED browser test: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or REQUIRE_BROWSER=1 to fail)`,
  );
}

const schema = createGraphqlSchema();
/** Queries to run through the UI: introspection always, vendors once the real schema serves it. */
const queries = [
  "{ __schema { queryType { name } } }",
  ...(schema.getQueryType()?.getFields().vendors ? ["{ vendors(first: 3) { totalCount } }"] : []),
];

describe.skipIf(!hasChromium && !requireBrowser)("GraphiQL in a browser with no internet", () => {
  let handle: DatabaseHandle;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const aborted: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`REQUIRE_BROWSER is set but there is no Chromium at ${CHROMIUM}`);
    handle = await testDatabase("seeded");
    server = await startServer(handle);
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
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const origin = new URL(server.url).origin;
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      aborted.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await handle?.close();
  });

  it("renders GraphiQL with the example tabs", async () => {
    await page.goto(`${server.url}/graphiql`);
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor({ timeout: 20_000 });
    const tabs = await page.locator(".graphiql-tab").count();
    const examples = validateExamples(schema).valid.length;
    // GraphiQL shows the tab bar only when there is more than one tab.
    expect(tabs).toBe(examples > 1 ? examples : 0);
    const firstQuery = await editorValue(page, ".graphiql-query-editor");
    expect(firstQuery).toBe(validateExamples(schema).valid[0]?.query);
  });

  it("runs the first example tab as it opens", async () => {
    const query = await editorValue(page, ".graphiql-query-editor");
    await runAndExpect(page, query, server.url);
  });

  it("answers DESIGN §1 question 3 from its example tab", async () => {
    const q3 = validateExamples(schema).valid.find((e) => e.name.startsWith("Q3"));
    expect(q3).toBeDefined();
    await page.locator(".graphiql-tab-button", { hasText: "HighDensityFacilitiesUnderRules" }).click();
    await page.waitForFunction(
      (want) => {
        const el = document.querySelector(".graphiql-query-editor .CodeMirror") as unknown as {
          CodeMirror: { getValue(): string };
        } | null;
        return el?.CodeMirror.getValue() === want;
      },
      q3?.query,
      { timeout: 20_000 },
    );
    // GraphiQL takes the operation name of a tab it switched to from the editor after a debounce
    // (until then it still holds the previous tab's): give it that moment, as a person would.
    await page.waitForTimeout(1_000);
    await runAndExpect(page, q3?.query ?? "", server.url);
    const shown = await resultValue(page);
    expect(shown.data.facilities.totalCount).toBeGreaterThan(0);
  });

  for (const query of queries) {
    it(`runs ${query} from the editor`, async () => {
      await page.evaluate((q) => {
        const cm = document.querySelector(".graphiql-query-editor .CodeMirror") as unknown as {
          CodeMirror: { setValue(v: string): void };
        };
        cm.CodeMirror.setValue(q);
      }, query);
      // GraphiQL reads the operation name from an edit after a debounce; running before that would
      // send the previous tab's name. The active tab's title shows when it has caught up.
      await page.waitForFunction(
        () =>
          document.querySelector(".graphiql-tab-active .graphiql-tab-button")?.textContent === "<untitled>",
        undefined,
        { timeout: 20_000 },
      );
      await runAndExpect(page, query, server.url);
      const shot = join(mkdtempSync(join(tmpdir(), "hyperscope-graphiql-")), "graphiql.png");
      await page.screenshot({ path: shot });
      console.log(`GraphiQL screenshot: ${shot}`);
    });
  }

  it("made no request outside the server and logged no errors", () => {
    expect(aborted).toEqual([]);
    expect(problems).toEqual([]);
  });
});

/** Clicks the run button and waits until the result pane shows what the server answers over HTTP. */
async function runAndExpect(page: Page, query: string, serverUrl: string): Promise<void> {
  const expected = await (await postGraphql(serverUrl, { query })).json();
  expect(expected.errors).toBeUndefined();
  await page.locator(".graphiql-execute-button").click();
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector(".result-window .CodeMirror") as unknown as {
        CodeMirror: { getValue(): string };
      } | null;
      try {
        return JSON.stringify(JSON.parse(el?.CodeMirror.getValue() ?? "")) === want;
      } catch {
        return false;
      }
    },
    JSON.stringify(expected),
    { timeout: 20_000 },
  );
}

/** The JSON the result pane shows. */
async function resultValue(page: Page) {
  const text = await page.evaluate(() => {
    const el = document.querySelector(".result-window .CodeMirror") as unknown as {
      CodeMirror: { getValue(): string };
    };
    return el.CodeMirror.getValue();
  });
  return JSON.parse(text);
}

async function editorValue(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => {
    const el = document.querySelector(`${s} .CodeMirror`) as unknown as {
      CodeMirror: { getValue(): string };
    };
    return el.CodeMirror.getValue();
  }, selector);
}
