import type { RequestHandler } from "express";
import type { DatabaseHandle } from "../db/client.ts";
import { databaseFault } from "../db/faults.ts";
import type { Logger } from "../logger.ts";

/** How long the database may take to answer `select 1` before the server reports itself unhealthy. */
export const HEALTH_TIMEOUT_MS = 2_000;

/**
 * GET /healthz, answered within HEALTH_TIMEOUT_MS:
 * - 200 `{status:"ok", backend, pool}` when the database answers `select 1` (on PostgreSQL over the
 *   health check's own connection, so a pool busy with slow queries is still healthy);
 * - 503 `{status:"unavailable", reason:"database down"}` when it cannot be reached;
 * - 503 `{status:"unavailable", reason:"database busy"}` when it is reachable but does not answer in time.
 */
export function healthCheck(handle: DatabaseHandle, logger: Logger): RequestHandler {
  return async (_req, res) => {
    res.set("Cache-Control", "no-store");
    const pool = handle.poolUsage();
    try {
      await withTimeout(handle.ping(), HEALTH_TIMEOUT_MS);
      res.status(200).json({ status: "ok", backend: handle.backend, pool });
    } catch (error) {
      // A statement_timeout (57014) on the health connection means busy too; failing to connect means down.
      const reason =
        error instanceof HealthTimeout || databaseFault(error) === "TIMEOUT"
          ? "database busy"
          : "database down";
      logger.warn({ reason, code: (error as { code?: unknown })?.code }, "health check failed");
      res.status(503).json({ status: "unavailable", reason, backend: handle.backend, pool });
    }
  };
}

class HealthTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
