import { sql } from "drizzle-orm";
import type { RequestHandler } from "express";
import type { DatabaseHandle } from "../db/client.ts";
import { queryRows } from "../db/rows.ts";
import type { Logger } from "../logger.ts";

/** How long the database may take to answer `select 1` before the server reports itself unhealthy. */
export const HEALTH_TIMEOUT_MS = 2_000;

/** GET /healthz: 200 {status:"ok", backend} when the database answers `select 1`, else 503. */
export function healthCheck(handle: DatabaseHandle, logger: Logger): RequestHandler {
  return async (_req, res) => {
    res.set("Cache-Control", "no-store");
    try {
      await withTimeout(queryRows(handle.db, sql`select 1 as ok`), HEALTH_TIMEOUT_MS);
      res.status(200).json({ status: "ok", backend: handle.backend });
    } catch (error) {
      logger.warn({ err: error }, "health check failed");
      res.status(503).json({ status: "unavailable", backend: handle.backend });
    }
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
