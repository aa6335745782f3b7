/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { gql, keyFor } from "../writes/support.ts";

const count = async (h: DatabaseHandle, table: string) =>
  (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]?.n;

describe(`signals, subscriptions and digests over HTTP (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let server: RunningServer;
  let adminKey: string;
  let readerKey: string;
  const admin = (q: string, v: Record<string, unknown> = {}) => gql(`${server.url}/graphql`, q, v, adminKey);

  beforeAll(async () => {
    h = await testDatabase("seeded");
    server = await startServer(h);
    adminKey = (await keyFor(h.db, "ADMIN")).secret;
    readerKey = (await keyFor(h.db, "READER")).secret;
  });
  afterAll(async () => {
    await server?.stop();
    await h?.close();
  });

  const CREATE_SIGNAL = `mutation($input: CreateSignalInput!) { createSignal(input: $input) {
    signal { id slug kind rule enabled builtIn } userErrors { field code message } } }`;

  it("signal mutations need an ADMIN key", async () => {
    const input = { slug: "x", name: "X", kind: "OUTAGE", rule: {} };
    const anon = await gql(`${server.url}/graphql`, CREATE_SIGNAL, { input });
    expect(anon.body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const reader = await gql(`${server.url}/graphql`, CREATE_SIGNAL, { input }, readerKey);
    expect(reader.body.errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("an invalid rule is a userError naming the field, and writes nothing", async () => {
    const before = await count(h, "signals");
    const r = await admin(CREATE_SIGNAL, {
      input: { slug: "bad-rule", name: "Bad", kind: "OUTAGE", rule: { minSeverity: 7 } },
    });
    expect(r.body.data.createSignal.signal).toBeNull();
    expect(r.body.data.createSignal.userErrors).toEqual([
      expect.objectContaining({ field: ["input", "rule", "minSeverity"], code: "INVALID" }),
    ]);
    expect(await count(h, "signals")).toBe(before);
  });

  it("ADMIN creates a signal (defaults filled in), then disables it", async () => {
    const r = await admin(CREATE_SIGNAL, {
      input: { slug: "any-outage", name: "Any outage", kind: "OUTAGE", rule: {} },
    });
    const signal = r.body.data.createSignal.signal;
    expect(signal).toMatchObject({
      slug: "any-outage",
      kind: "OUTAGE",
      rule: { minSeverity: 1 },
      enabled: true,
    });
    const u = await admin(
      `mutation($input: UpdateSignalInput!) { updateSignal(input: $input) { signal { enabled } userErrors { code } } }`,
      { input: { id: signal.id, enabled: false } },
    );
    expect(u.body.data.updateSignal).toEqual({ signal: { enabled: false }, userErrors: [] });
    const list = await gql(
      `${server.url}/graphql`,
      `{ signals(filter: { enabled: true }, first: 100) { totalCount edges { node { slug builtIn } } } }`,
    );
    expect(list.body.data.signals.totalCount).toBe(6);
    expect(list.body.data.signals.edges.every((e: any) => e.node.builtIn)).toBe(true);
  });

  const CREATE_SUB = `mutation($input: CreateDigestSubscriptionInput!) { createDigestSubscription(input: $input) {
    subscription { id slug feedUrl signals { slug } } webhookSecret userErrors { field code message } } }`;
  const good = {
    slug: "monday",
    name: "Monday watch",
    cron: "0 9 * * 1",
    timeZone: "Europe/Berlin",
    signals: ["severe-cloud-outages", "ai-output-liability-legislation"],
    formats: ["MARKDOWN", "JSON"],
    webhookUrl: "https://hooks.example.com/hyperscope",
  };

  it("bad cron, time zone, URL, folder, e-mail and signal are userErrors naming the field; nothing written", async () => {
    const before = await count(h, "subscriptions");
    const cases: [Record<string, unknown>, string][] = [
      [{ cron: "61 * * * *" }, "cron"],
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
      [{ webhookUrl: "ftp://example.com/x" }, "webhookUrl"],
      [{ webhookUrl: null, folder: "relative/path" }, "folder"],
      [{ webhookUrl: null, email: "not-an-address" }, "email"],
      [{ signals: ["no-such-signal"] }, "signals"],
      [{ webhookUrl: null }, "webhookUrl"],
    ];
    for (const [change, field] of cases) {
      const r = await admin(CREATE_SUB, { input: { ...good, ...change } });
      expect(r.body.data.createDigestSubscription.subscription, field).toBeNull();
      expect(r.body.data.createDigestSubscription.userErrors[0]).toMatchObject({
        field: ["input", field],
        code: "INVALID",
      });
    }
    expect(await count(h, "subscriptions")).toBe(before);
  });

  it("creates a subscription (the webhook secret is shown once); destinations are for ADMIN eyes only", async () => {
    const r = await admin(CREATE_SUB, { input: good });
    const p = r.body.data.createDigestSubscription;
    expect(p.userErrors).toEqual([]);
    expect(p.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(p.subscription.feedUrl).toBe("http://localhost:4000/digests/monday.atom");
    expect(p.subscription.signals.map((s: any) => s.slug).sort()).toEqual(good.signals.slice().sort());
    const q = `{ digestSubscriptions { totalCount edges { node { slug webhookUrl } } } }`;
    expect((await admin(q)).body.data.digestSubscriptions.edges[0].node.webhookUrl).toBe(good.webhookUrl);
    const reader = await gql(`${server.url}/graphql`, q, {}, readerKey);
    expect(reader.body.errors[0].extensions.code).toBe("FORBIDDEN");
  });

  it("runDigest makes a slot's digest once; digests show items and deliveries; a pending delivery is not re-sent", async () => {
    const RUN = `mutation($s: String!, $at: DateTime!) { runDigest(subscription: $s, at: $at) {
      created digest { id slot empty items { title } deliveries { id destination format status deliveryId } } userErrors { field code } } }`;
    const notSlot = await admin(RUN, { s: "monday", at: "2026-11-30T09:00:00Z" });
    expect(notSlot.body.data.runDigest.userErrors).toEqual([{ field: ["at"], code: "INVALID" }]);
    const first = await admin(RUN, { s: "monday", at: "2026-11-30T08:00:00Z" }); // 09:00 in Berlin
    expect(first.body.data.runDigest.created).toBe(true);
    const again = await admin(RUN, { s: "monday", at: "2026-11-30T08:00:00Z" });
    expect(again.body.data.runDigest.created).toBe(false);
    expect(again.body.data.runDigest.digest.id).toBe(first.body.data.runDigest.digest.id);
    const digest = first.body.data.runDigest.digest;
    expect(digest.deliveries).toEqual([
      expect.objectContaining({ destination: "WEBHOOK", format: "JSON", status: "PENDING" }),
    ]);
    const resend = await admin(
      `mutation($id: ID!) { resendDigestDelivery(id: $id) { delivery { status } userErrors { field code } } }`,
      { id: digest.deliveries[0].id },
    );
    expect(resend.body.data.resendDigestDelivery.userErrors).toEqual([{ field: ["id"], code: "INVALID" }]);
    const list = await gql(
      `${server.url}/graphql`,
      `{ digests(subscription: "monday") { totalCount edges { node { slot empty rendered(format: MARKDOWN) } } } }`,
    );
    expect(list.body.data.digests.totalCount).toBe(1);
    expect(list.body.data.digests.edges[0].node.rendered).toMatch(/^# Hyperscope digest: Monday watch/);
  });

  it("previewDigest finds items without writing anything; an unknown signal is BAD_USER_INPUT", async () => {
    const digests = await count(h, "digests");
    const r = await gql(
      `${server.url}/graphql`,
      `{ previewDigest(signals: ["severe-cloud-outages"]) { empty items { type nodeId title link sources { url } } } }`,
    );
    expect(r.body.data.previewDigest.empty).toBe(false);
    const item = r.body.data.previewDigest.items[0];
    expect(item.type).toBe("Outage");
    const node = await gql(
      `${server.url}/graphql`,
      `query($id: ID!) { node(id: $id) { ... on Outage { severity } } }`,
      {
        id: item.nodeId,
      },
    );
    expect(node.body.data.node.severity).toBeGreaterThanOrEqual(4);
    expect(await count(h, "digests")).toBe(digests);
    const bad = await gql(`${server.url}/graphql`, `{ previewDigest(signals: ["nope"]) { empty } }`);
    expect(bad.body.errors[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argument: "signals" });
  });
});
