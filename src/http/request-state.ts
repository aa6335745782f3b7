import { randomUUID } from "node:crypto";
import type { RequestHandler, Response } from "express";

/**
 * What the HTTP layer knows about one request, shared by the request log, the metrics, the limits
 * plugin and the deadline: kept in `res.locals.request`, and reachable from the GraphQL context
 * object through bindRequest/stateOf (so src/graphql's RequestContext needs no HTTP fields).
 */
export interface RequestState {
  /** The incoming x-request-id when it is a sane token, else a new UUID; echoed in the response. */
  id: string;
  /** Who the rate limit counts against until the viewer is known: "ip:<address>". */
  ip: string;
  operation: string | null;
  /** The computed cost, once known (src/limits/cost.ts). */
  cost: number | null;
  /** The extensions.code of every error in the response. */
  errorCodes: string[];
  /** Aborted when the deadline passes or the client goes away: the request's statements are cancelled. */
  abort: AbortController;
}

const incoming = /^[A-Za-z0-9._:-]{1,128}$/;
/** Apollo shallow-copies the context per operation: a symbol-keyed own property survives the copy. */
const STATE = Symbol("hyperscope.requestState");

/** Creates the request's state, honours/echoes x-request-id. Mount first. */
export function requestState(): RequestHandler {
  return (req, res, next) => {
    const header = req.get("x-request-id");
    const state: RequestState = {
      id: header && incoming.test(header) ? header : randomUUID(),
      ip: `ip:${req.ip ?? req.socket.remoteAddress ?? "unknown"}`,
      operation: null,
      cost: null,
      errorCodes: [],
      abort: new AbortController(),
    };
    res.locals.request = state;
    res.setHeader("x-request-id", state.id);
    next();
  };
}

export function stateOfResponse(res: Response): RequestState | undefined {
  return res.locals.request as RequestState | undefined;
}

/** Links a GraphQL context object to its request's state; returns the context. */
export function bindRequest<T extends object>(context: T, res: Response): T {
  const state = stateOfResponse(res);
  if (state) Object.defineProperty(context, STATE, { value: state, enumerable: true });
  return context;
}

/** The state of the request a GraphQL context belongs to (undefined outside HTTP, e.g. in tests). */
export function stateOf(context: object | undefined): RequestState | undefined {
  return context ? (context as { [STATE]?: RequestState })[STATE] : undefined;
}
