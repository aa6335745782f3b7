import { createHmac, randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { DigestDocument } from "../document.ts";
import { FORMAT_FILE_EXTENSION, renderDigest } from "../render/index.ts";

/** Headers of a webhook delivery. */
export const SIGNATURE_HEADER = "x-hyperscope-signature";
export const DELIVERY_ID_HEADER = "x-hyperscope-delivery";

/** What one attempt did. */
export interface AttemptOutcome {
  ok: boolean;
  httpStatus?: number | null;
  error?: string | null;
}

export interface DeliveryJob {
  deliveryKey: string;
  destination: "WEBHOOK" | "FOLDER" | "EMAIL";
  format: "MARKDOWN" | "HTML" | "JSON";
  target: string;
  document: DigestDocument;
  subscriptionSlug: string;
  slot: Date;
  webhookSecret: string | null;
}

export interface TransportOptions {
  /** Webhook and SMTP time limit per attempt. */
  timeoutMs: number;
  smtpUrl?: string | undefined;
  smtpFrom: string;
}

/** `sha256=<hex>` HMAC of the exact body bytes with the subscription's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

const stamp = (slot: Date) => slot.toISOString().replace(/[:.]/g, "-");

/** The file name of a digest in a folder: stable, so a re-send replaces the same file. */
export function digestFileName(job: Pick<DeliveryJob, "subscriptionSlug" | "slot" | "format">): string {
  return `${job.subscriptionSlug}-${stamp(job.slot)}.${FORMAT_FILE_EXTENSION[job.format]}`;
}

/** Folder: write a temp file in the same folder, then rename over the final name (atomic on one file system). */
async function toFolder(job: DeliveryJob): Promise<AttemptOutcome> {
  await mkdir(job.target, { recursive: true });
  const final = join(job.target, digestFileName(job));
  const temp = join(job.target, `.${digestFileName(job)}.${randomBytes(6).toString("hex")}.tmp`);
  await writeFile(temp, renderDigest(job.document, job.format));
  await rename(temp, final);
  return { ok: true };
}

/** Webhook: JSON POST signed with HMAC-SHA256; any 2xx is success. */
async function toWebhook(job: DeliveryJob, options: TransportOptions): Promise<AttemptOutcome> {
  const body = JSON.stringify({ deliveryId: job.deliveryKey, digest: job.document });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "hyperscope-digests",
    [DELIVERY_ID_HEADER]: job.deliveryKey,
  };
  if (job.webhookSecret) headers[SIGNATURE_HEADER] = signBody(job.webhookSecret, body);
  const response = await fetch(job.target, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(options.timeoutMs),
    redirect: "error",
  });
  await response.arrayBuffer().catch(() => undefined);
  return response.ok
    ? { ok: true, httpStatus: response.status }
    : { ok: false, httpStatus: response.status, error: `HTTP ${response.status}` };
}

/** E-mail: HTML with the Markdown as the text part, through SMTP_URL. */
async function toEmail(job: DeliveryJob, options: TransportOptions): Promise<AttemptOutcome> {
  if (!options.smtpUrl) return { ok: false, error: "SMTP_URL is not configured" };
  const transport = nodemailer.createTransport(options.smtpUrl, {
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
  } as never);
  try {
    const name = job.document.subscription?.name ?? job.subscriptionSlug;
    await transport.sendMail({
      from: options.smtpFrom,
      to: job.target,
      subject: `Hyperscope digest: ${name} (${job.slot.toISOString()})`,
      text: renderDigest(job.document, "MARKDOWN"),
      html: renderDigest(job.document, "HTML"),
      messageId: `<${job.deliveryKey}@hyperscope>`,
      headers: { [DELIVERY_ID_HEADER]: job.deliveryKey },
    });
    return { ok: true };
  } finally {
    transport.close();
  }
}

/** Performs one attempt; a thrown error (network, timeout, disk) is a failed attempt, not a crash. */
export async function attemptDelivery(job: DeliveryJob, options: TransportOptions): Promise<AttemptOutcome> {
  try {
    if (job.destination === "FOLDER") return await toFolder(job);
    if (job.destination === "WEBHOOK") return await toWebhook(job, options);
    return await toEmail(job, options);
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return { ok: false, error: [e.name, e.message, e.cause?.message].filter(Boolean).join(": ") };
  }
}
