import type { RequestHandler } from "express";
import type { Logger } from "../logger.ts";
import { operationLabel, queryCost, requestDuration, requestsTotal } from "./metrics.ts";
import { stateOfResponse } from "./request-state.ts";

/**
 * One JSON log line and the metrics per request, when its response has been sent or the client went
 * away: request id, method, path, status, duration, and for GraphQL the operation name, cost and
 * outcome — "ok", the first error code (GraphQL errors are not "ok" even with HTTP 200), "http_<status>"
 * for other failures, or "client_closed". No query text, variables or parameters.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const state = stateOfResponse(res);
      const path = req.originalUrl.split("?")[0] ?? "";
      const graphql = path === "/graphql";
      const outcome = !res.writableFinished
        ? "client_closed"
        : (state?.errorCodes[0] ?? (res.statusCode >= 400 ? `http_${res.statusCode}` : "ok"));
      const line = {
        requestId: state?.id,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(seconds * 10_000) / 10,
        ...(graphql
          ? { operation: state?.operation ?? null, cost: state?.cost ?? null, outcome }
          : { outcome }),
      };
      if (outcome === "ok" || outcome.startsWith("http_4") || outcome === "BAD_USER_INPUT")
        logger.info(line, "request");
      else logger.warn(line, "request");
      const route = graphql
        ? "/graphql"
        : ["/healthz", "/metrics", "/graphiql"].includes(path)
          ? path
          : "other";
      requestDuration.observe({ route, outcome }, seconds);
      if (graphql) {
        requestsTotal.inc({ operation: operationLabel(state?.operation ?? null), outcome });
        if (state?.cost != null) queryCost.observe(state.cost);
      }
    });
    next();
  };
}
