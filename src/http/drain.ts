import type { Server, ServerResponse } from "node:http";
import type { RequestHandler } from "express";

/**
 * Draining the HTTP server on shutdown, so that every request is either answered or never run:
 * - `stop(graceMs)` stops listening and closes the idle keep-alive connections at once (Node's
 *   `server.close()`); a request a client was sending on one of them at that moment is discarded
 *   unread (the client sees a reset and may retry it: it did not run);
 * - every response not yet sent carries `Connection: close`, so Node closes its connection right
 *   after the answer instead of keeping it for another request, or half-closing it and waiting for
 *   a client that may never close its end (which held a drain until its deadline);
 * - at `graceMs` whatever is still open is closed (`closeAllConnections`); the requests cut then
 *   see their client gone, which cancels their statements (src/http/deadline.ts).
 * Resolves when the last connection has closed. Mount `middleware` first.
 */
export function httpDrain(server: Server): {
  middleware: RequestHandler;
  stop: (graceMs: number) => Promise<void>;
} {
  let draining = false;
  const open = new Set<ServerResponse>();
  const middleware: RequestHandler = (_req, res, next) => {
    if (draining) {
      res.setHeader("Connection", "close");
    } else {
      open.add(res);
      res.once("close", () => open.delete(res));
    }
    next();
  };
  let stopped: Promise<void> | undefined;
  const stop = (graceMs: number) => {
    stopped ??= new Promise<void>((resolve) => {
      draining = true;
      for (const res of open) if (!res.headersSent) res.setHeader("Connection", "close");
      if (!server.listening) return resolve(); // never started
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return stopped;
  };
  return { middleware, stop };
}
