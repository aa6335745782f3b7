import type { RequestHandler } from "express";
import type { DatabaseHandle } from "../db/client.ts";
import { databaseFault, loggableError } from "../db/faults.ts";
import type { Logger } from "../logger.ts";

/** How long the database may take to answer `select 1` before the server reports itself unhealthy. */
export const HEALTH_TIMEOUT_MS = 2_000;

/**
 * GET /healthz, answered within HEALTH_TIMEOUT_MS:
 * - 200 `{status:"ok", backend, pool}` when the database answers `select 1` (on PostgreSQL over the
 *   health check's own connection, so a pool busy with slow queries is still healthy);
 * - 503 `{status:"unavailable", reason:"database down"}` when it cannot be reached;
 * - 503 `{status:"unavailable", reason:"database busy"}` when it is reachable but does not answer in
 *   time (on PGlite: its one connection is held, e.g. by a long transaction) or has no connection
 *   slot left (SQLSTATE 53300 too_many_connections).
 * A full pool is not a fault: the `pool` figures show it and the answer stays 200 while the
 * database answers, so an orchestrator does not restart a server that is merely busy.
 */
export function healthCheck(handle: DatabaseHandle, logger: Logger): RequestHandler {
  return async (_req, res) => {
    res.set("Cache-Control", "no-store");
    const pool = handle.poolUsage();
    try {
      await withTimeout(handle.ping(), HEALTH_TIMEOUT_MS);
      res.status(200).json({ status: "ok", backend: handle.backend, pool });
    } catch (error) {
      const reason = isBusy(error) ? "database busy" : "database down";
      logger.warn({ reason, error: loggableError(error) }, "health check failed");
      res.status(503).json({ status: "unavailable", reason, backend: handle.backend, pool });
    }
  };
}

class HealthTimeout extends Error {}

/**
 * Busy: no answer in time, a statement_timeout (57014) on the health connection, or no connection
 * slot (53300, "too many clients"); anything else (refused, reset, connect timeout) means down.
 */
function isBusy(error: unknown): boolean {
  if (error instanceof HealthTimeout || databaseFault(error) === "TIMEOUT") return true;
  return (error as { code?: unknown })?.code === TOO_MANY_CONNECTIONS;
}

const TOO_MANY_CONNECTIONS = "53300";

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthTimeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
