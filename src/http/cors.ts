import cors from "cors";
import type { RequestHandler } from "express";

/**
 * CORS for the listed origins only (exact match on scheme://host:port). Requests from any other
 * origin get no Access-Control-Allow-* headers, so browsers refuse to expose the response; requests
 * without an Origin header (same-origin, curl, servers) are unaffected.
 */
export function corsFor(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/+$/, "")));
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["Content-Type", "Authorization", "Apollo-Require-Preflight", "X-Apollo-Operation-Name"],
    maxAge: 600,
  });
}
