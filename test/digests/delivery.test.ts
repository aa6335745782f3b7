import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";
import { DELIVERY_ID_HEADER, SIGNATURE_HEADER } from "../../src/digests/deliver/transports.ts";
import { deliverDue, resendDelivery } from "../../src/digests/deliver/worker.ts";
import { runDigestForSlot } from "../../src/digests/run.ts";
import { createSubscription, type SubscriptionRow } from "../../src/subscriptions/queries.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { testDeliveryPolicy } from "./support.ts";

interface Received {
  deliveryId: string;
  signatureOk: boolean;
  body: { deliveryId: string; digest: { version: number; slot: string } };
}

/** A webhook receiver that checks the signature and answers with the next status of `script`. */
function receiver(secret: () => string, script: number[]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(`sha256=${createHmac("sha256", secret()).update(raw).digest("hex")}`);
      const given = Buffer.from(String(req.headers[SIGNATURE_HEADER] ?? ""));
      received.push({
        deliveryId: String(req.headers[DELIVERY_ID_HEADER]),
        signatureOk: given.length === expected.length && timingSafeEqual(given, expected),
        body: JSON.parse(raw.toString("utf8")),
      });
      res.statusCode = script.shift() ?? 200;
      res.end();
    });
  });
  return { server, received };
}

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

describe(`digest delivery (${testBackend()})`, () => {
  let h: DatabaseHandle;
  let now = new Date("2026-03-02T09:00:00Z");
  const clock = () => now;
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(async () => h?.close());

  const attempts = (deliveryKey: string) =>
    queryRows<{ attempt: number; ok: boolean; http_status: number | null; error: string | null }>(
      h.db,
      sql`select a.attempt, a.ok, a.http_status, a.error from digest_delivery_attempts a
          join digest_deliveries d on d.id = a.delivery_id where d.delivery_key::text = ${deliveryKey} order by a.attempt`,
    );

  it("webhook: signed JSON POST; a 500 is retried after backoff with the same delivery id, then delivered", async () => {
    let sub: SubscriptionRow | undefined;
    const r = receiver(() => sub?.webhookSecret ?? "", [500]);
    const url = await listen(r.server);
    try {
      sub = await createSubscription(
        h.db,
        {
          slug: "hook",
          name: "Hook",
          cron: "0 9 * * 1",
          timeZone: "UTC",
          signals: ["severe-cloud-outages"],
          formats: ["JSON"],
          webhookUrl: `${url}/in`,
        },
        "test",
      );
      expect(sub.webhookSecret).toMatch(/^[0-9a-f]{64}$/);
      const run = await runDigestForSlot(h.db, sub, now, { baseUrl: "http://x" });
      const policy = testDeliveryPolicy();
      const first = await deliverDue(h.db, clock, policy);
      expect(first).toMatchObject({ attempted: 1, delivered: 0, retrying: 1 });
      // not due again before the backoff
      later(policy.backoffBaseMs - 1);
      expect((await deliverDue(h.db, clock, policy)).attempted).toBe(0);
      later(1);
      const second = await deliverDue(h.db, clock, policy);
      expect(second).toMatchObject({ attempted: 1, delivered: 1 });
      expect(r.received).toHaveLength(2);
      expect(r.received.every((x) => x.signatureOk)).toBe(true);
      expect(r.received[0]?.deliveryId).toBe(r.received[1]?.deliveryId);
      expect(r.received[1]?.body.deliveryId).toBe(r.received[0]?.deliveryId);
      expect(r.received[1]?.body.digest.version).toBe(1);
      expect(r.received[1]?.body.digest.slot).toBe(r.received[0]?.body.digest.slot);
      const log = await attempts(r.received[0]?.deliveryId as string);
      expect(log.map((a) => [a.attempt, a.ok, a.http_status])).toEqual([
        [1, false, 500],
        [2, true, 200],
      ]);
      const [digestCount] = await queryRows<{ n: number }>(
        h.db,
        sql`select count(*)::int as n from digests where id = ${run.digestId}`,
      );
      expect(digestCount?.n).toBe(1);
    } finally {
      r.server.close();
    }
  });

  it("webhook down or slow: retried with capped backoff, then FAILED; a re-send delivers without a second digest", async () => {
    // a server that accepts and never answers (slow), then is closed (down)
    const slow = createServer(() => {});
    const url = await listen(slow);
    const sub = await createSubscription(
      h.db,
      {
        slug: "down",
        name: "Down",
        cron: "0 9 * * 1",
        timeZone: "UTC",
        signals: ["severe-cloud-outages"],
        formats: ["JSON"],
        webhookUrl: `${url}/in`,
      },
      "test",
    );
    await runDigestForSlot(h.db, sub, now, { baseUrl: "http://x" });
    const policy = testDeliveryPolicy({ timeoutMs: 300 });
    const [delivery] = await queryRows<{ id: number; key: string }>(
      h.db,
      sql`select d.id, d.delivery_key::text as key from digest_deliveries d join digests g on g.id = d.digest_id where g.subscription_id = ${sub.id}`,
    );
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const pass = await deliverDue(h.db, clock, policy, delivery?.id);
      expect(pass.attempted).toBe(1);
      if (i === 1) {
        slow.closeAllConnections();
        slow.close();
      }
      const [row] = await queryRows<{ wait: number; status: string }>(
        h.db,
        sql`select (extract(epoch from next_attempt_at)::float8 * 1000 - ${now.getTime()}) as wait, status from digest_deliveries where id = ${delivery?.id}`,
      );
      waits.push(Math.round(Number(row?.wait)));
      later(policy.backoffCapMs);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 0]); // doubling, then FAILED (capped at 8 s here)
    const log = await attempts(delivery?.key as string);
    expect(log).toHaveLength(5);
    expect(log.every((a) => !a.ok && a.error)).toBe(true);
    expect(log[0]?.error).toMatch(/timeout|aborted/i);
    const [failed] = await queryRows<{ status: string }>(
      h.db,
      sql`select status::text from digest_deliveries where id = ${delivery?.id}`,
    );
    expect(failed?.status).toBe("FAILED");
    // the receiver comes back; a re-send delivers the same digest with the same delivery id
    const r = receiver(() => sub.webhookSecret ?? "", []);
    const port = new URL(url).port;
    await new Promise<void>((resolve) => r.server.listen(Number(port), "127.0.0.1", () => resolve()));
    try {
      expect(await resendDelivery(h.db, delivery?.id as number, now, 5)).toBe(true);
      expect((await deliverDue(h.db, clock, policy, delivery?.id)).delivered).toBe(1);
      expect(r.received[0]?.deliveryId).toBe(delivery?.key);
      expect(r.received[0]?.signatureOk).toBe(true);
      const [n] = await queryRows<{ n: number }>(
        h.db,
        sql`select count(*)::int as n from digests where subscription_id = ${sub.id}`,
      );
      expect(n?.n).toBe(1);
      expect(await attempts(delivery?.key as string)).toHaveLength(6);
    } finally {
      r.server.close();
    }
  });

  it("e-mail through SMTP: HTML with the Markdown as the text part", async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          mails.push(Buffer.concat(chunks).toString("utf8"));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    try {
      const sub = await createSubscription(
        h.db,
        {
          slug: "mail",
          name: "Mail watch",
          cron: "0 9 * * 1",
          timeZone: "UTC",
          signals: ["severe-cloud-outages"],
          formats: ["HTML"],
          email: "analyst@example.com",
        },
        "test",
      );
      await runDigestForSlot(h.db, sub, now, { baseUrl: "http://x" });
      // SMTP down (nothing listens on port 1): the attempt fails and is retried later
      const down = await deliverDue(h.db, clock, testDeliveryPolicy({ smtpUrl: "smtp://127.0.0.1:1" }));
      expect(down).toMatchObject({ attempted: 1, retrying: 1 });
      later(testDeliveryPolicy().backoffBaseMs);
      const pass = await deliverDue(h.db, clock, testDeliveryPolicy({ smtpUrl: `smtp://127.0.0.1:${port}` }));
      expect(pass.delivered).toBe(1);
      expect(mails).toHaveLength(1);
      const mail = mails[0] as string;
      expect(mail).toMatch(/^To: analyst@example\.com/m);
      expect(mail).toMatch(/Content-Type: multipart\/alternative/);
      expect(mail).toMatch(/Content-Type: text\/plain/);
      expect(mail).toMatch(/Content-Type: text\/html/);
      expect(mail).toContain("# Hyperscope digest: Mail watch");
      expect(mail).toContain("Nothing new matched the watched signals");
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
