import { type Config, loadConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import { DEFAULT_DELIVERY_POLICY } from "./deliver/worker.ts";
import { DigestScheduler } from "./scheduler.ts";

/** The base URL digests link to: PUBLIC_URL, else this server on localhost. */
export function publicUrlOf(config: Pick<Config, "PUBLIC_URL" | "PORT">): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

/**
 * The base URL of links the API puts in digests and previews (PUBLIC_URL, else localhost:PORT),
 * read from the environment once validated by loadConfig.
 */
export function linkBase(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return publicUrlOf(loadConfig(env));
  } catch {
    return "http://localhost:4000";
  }
}

/** The server's scheduler when SCHEDULER=on (started), else null. main.ts awaits stop() on shutdown. */
export function startConfiguredScheduler(
  db: Database,
  config: Pick<
    Config,
    "SCHEDULER" | "SCHEDULER_INTERVAL_SECONDS" | "PUBLIC_URL" | "PORT" | "SMTP_URL" | "SMTP_FROM"
  >,
  logger: Logger,
): DigestScheduler | null {
  if (!config.SCHEDULER) return null;
  const scheduler = new DigestScheduler({
    db,
    baseUrl: publicUrlOf(config),
    intervalMs: config.SCHEDULER_INTERVAL_SECONDS * 1000,
    delivery: { ...DEFAULT_DELIVERY_POLICY, smtpUrl: config.SMTP_URL, smtpFrom: config.SMTP_FROM },
    logger,
  });
  scheduler.start();
  logger.info({ intervalSeconds: config.SCHEDULER_INTERVAL_SECONDS }, "digest scheduler started");
  return scheduler;
}
