import type { RequestHandler } from "express";
import { runInStatementScope } from "../db/statement-scope.ts";
import { stateOfResponse } from "./request-state.ts";

/**
 * The request deadline and client-disconnect cancellation: the rest of the request runs in a
 * statement scope (src/db/statement-scope.ts) that is aborted `timeoutMs` after it started or when
 * the client closes the connection before the response is sent; aborting cancels the request's
 * running PostgreSQL statements (PGlite: refuses its further ones), so they fail with TIMEOUT and
 * free their connections. Mount after requestState().
 */
export function requestDeadline(timeoutMs: number): RequestHandler {
  return (_req, res, next) => {
    const state = stateOfResponse(res);
    const abort = state?.abort ?? new AbortController();
    const timer = setTimeout(() => abort.abort(new Error(`deadline of ${timeoutMs} ms passed`)), timeoutMs);
    timer.unref();
    res.once("close", () => {
      clearTimeout(timer);
      if (!res.writableFinished) abort.abort(new Error("client closed the connection"));
    });
    runInStatementScope(abort.signal, next);
  };
}
