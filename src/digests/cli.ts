import { parseArgs } from "node:util";
import type { Config } from "../config.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { listSignals } from "../signals/queries.ts";
import { SubscriptionInputError } from "../subscriptions/input.ts";
import { createSubscription, getSubscriptionBySlug, listSubscriptions } from "../subscriptions/queries.ts";
import { DEFAULT_DELIVERY_POLICY, deliverDue, resendDelivery } from "./deliver/worker.ts";
import { DigestInputError } from "./errors.ts";
import { previewDigest } from "./preview.ts";
import { getDeliveriesOfDigest } from "./queries-api.ts";
import { type DigestFormat, renderDigest } from "./render/index.ts";
import { checkSlot, runDigestForSlot } from "./run.ts";
import { publicUrlOf } from "./service.ts";

/** What the digest commands need from the CLI runner. */
export interface DigestCliDeps {
  out: (text: string) => void;
  config: () => Config;
  open: (config: Config) => Promise<DatabaseHandle>;
  usageError: (message: string) => Error;
}

const FORMATS = ["MARKDOWN", "HTML", "JSON"];

function instant(name: string, raw: string | undefined, usage: (m: string) => Error): Date {
  const d = raw === undefined ? new Date(Number.NaN) : new Date(raw);
  if (Number.isNaN(d.getTime())) throw usage(`--${name} must be an ISO 8601 time, e.g. 2026-11-30T08:00:00Z`);
  return d;
}

const list = (raw: string | undefined) =>
  (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * `hyperscope signals list`, `hyperscope subscriptions list|create`, `hyperscope digest
 * run|preview|resend`. Writes are audited with actor `cli`.
 */
export async function runDigestCli(command: string, argv: string[], deps: DigestCliDeps): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      subscription: { type: "string" },
      at: { type: "string" },
      signals: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      format: { type: "string" },
      delivery: { type: "string" },
      deliver: { type: "boolean" },
      slug: { type: "string" },
      name: { type: "string" },
      cron: { type: "string" },
      tz: { type: "string" },
      formats: { type: "string" },
      webhook: { type: "string" },
      folder: { type: "string" },
      email: { type: "string" },
    },
  });
  const [sub, ...rest] = positionals;
  if (rest.length > 0) throw deps.usageError(`unexpected argument "${rest[0]}"`);
  const allowed: Record<string, string[]> = {
    signals: ["list"],
    subscriptions: ["list", "create"],
    digest: ["run", "preview", "resend"],
  };
  if (!sub || !allowed[command]?.includes(sub)) {
    throw deps.usageError(`${command} needs ${allowed[command]?.join(", ")}${sub ? `, not "${sub}"` : ""}`);
  }
  const format = (values.format ?? "MARKDOWN").toUpperCase();
  if (!FORMATS.includes(format)) throw deps.usageError(`--format must be one of ${FORMATS.join(", ")}`);
  // validate arguments before opening the database
  const at = sub === "run" ? instant("at", values.at, deps.usageError) : null;
  if (sub === "run" && !values.subscription) throw deps.usageError("digest run needs --subscription SLUG");
  if (sub === "preview" && list(values.signals).length === 0)
    throw deps.usageError("digest preview needs --signals a,b");
  const from = sub === "preview" && values.from ? instant("from", values.from, deps.usageError) : null;
  const to = sub === "preview" && values.to ? instant("to", values.to, deps.usageError) : new Date();
  if (sub === "resend" && !/^\d+$/.test(values.delivery ?? ""))
    throw deps.usageError("digest resend needs --delivery ID");

  const config = deps.config();
  const handle = await deps.open(config);
  const baseUrl = publicUrlOf(config);
  try {
    await migrate(handle);
    const db = handle.db;
    if (command === "signals") {
      const rows = await listSignals(db);
      if (values.json) deps.out(`${JSON.stringify(rows)}\n`);
      else {
        deps.out("id\tslug\tkind\tenabled\tbuilt-in\tname\n");
        for (const s of rows) {
          deps.out(
            `${s.id}\t${s.slug}\t${s.kind}\t${s.enabled ? "yes" : "no"}\t${s.builtIn ? "yes" : "no"}\t${s.name}\n`,
          );
        }
      }
    } else if (command === "subscriptions" && sub === "list") {
      const rows = await listSubscriptions(db);
      if (values.json) deps.out(`${JSON.stringify(rows.map(({ webhookSecret: _, ...r }) => r))}\n`);
      else {
        deps.out("id\tslug\tcron\ttime zone\tformats\tactive\tdestinations\n");
        for (const s of rows) {
          const dest = [s.webhookUrl, s.folder, s.email].filter(Boolean).join(" ");
          deps.out(
            `${s.id}\t${s.slug}\t${s.cron}\t${s.timeZone}\t${s.formats.join(",")}\t${s.active ? "yes" : "no"}\t${dest}\n`,
          );
        }
      }
    } else if (command === "subscriptions") {
      const input = {
        slug: values.slug,
        name: values.name ?? values.slug,
        cron: values.cron,
        timeZone: values.tz ?? "UTC",
        signals: list(values.signals),
        formats: list(values.formats ?? "MARKDOWN").map((f) => f.toUpperCase()),
        ...(values.webhook ? { webhookUrl: values.webhook } : {}),
        ...(values.folder ? { folder: values.folder } : {}),
        ...(values.email ? { email: values.email } : {}),
      };
      const row = await createSubscription(db, input, "cli");
      deps.out(`created subscription ${row.id} "${row.slug}" (${row.cron} in ${row.timeZone})\n`);
      if (row.webhookSecret)
        deps.out(`webhook signing secret (shown once; store it now):\n${row.webhookSecret}\n`);
    } else if (sub === "run") {
      const subscription = await getSubscriptionBySlug(db, values.subscription as string);
      if (!subscription) throw new Error(`no subscription "${values.subscription}"`);
      if (!checkSlot(subscription, at as Date)) {
        throw new Error(
          `${(at as Date).toISOString()} is not a slot of "${subscription.cron}" in ${subscription.timeZone}`,
        );
      }
      const run = await runDigestForSlot(db, subscription, at as Date, { baseUrl });
      deps.out(
        run.created
          ? `made digest ${run.digestId} of "${subscription.slug}" for ${(at as Date).toISOString()}\n`
          : `the digest of "${subscription.slug}" for ${(at as Date).toISOString()} already exists${run.digestId ? ` (${run.digestId})` : ""}; not made again\n`,
      );
      if (values.deliver && run.digestId) {
        const pass = await deliverDue(db, () => new Date(), {
          ...DEFAULT_DELIVERY_POLICY,
          smtpUrl: config.SMTP_URL,
          smtpFrom: config.SMTP_FROM,
        });
        deps.out(
          `deliveries: ${pass.delivered} delivered, ${pass.retrying} to retry, ${pass.failed} failed\n`,
        );
        for (const d of await getDeliveriesOfDigest(db, run.digestId)) {
          deps.out(`  ${d.id}\t${d.destination}\t${d.format}\t${d.status}\t${d.lastError ?? ""}\n`);
        }
      }
    } else if (sub === "preview") {
      const doc = await previewDigest(db, { signals: list(values.signals), from, to, baseUrl });
      deps.out(renderDigest(doc, format as DigestFormat));
    } else {
      const ok = await resendDelivery(db, Number(values.delivery), new Date(), 5);
      if (!ok) throw new Error(`delivery ${values.delivery} does not exist or is already pending`);
      deps.out(
        `delivery ${values.delivery} is pending again; a running scheduler sends it on its next tick\n`,
      );
    }
  } catch (error) {
    if (error instanceof SubscriptionInputError || error instanceof DigestInputError) {
      throw deps.usageError(error.message);
    }
    throw error;
  } finally {
    await handle.close();
  }
}
