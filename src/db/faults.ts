/**
 * Database faults a request can meet that are not the caller's mistake nor a bug: the database is
 * unreachable or restarting (SERVICE_UNAVAILABLE: retry later), or a statement ran past its
 * statement_timeout / lock_timeout or was cancelled with its request (TIMEOUT). Recognised from
 * either driver's error, however wrapped (Drizzle keeps the driver's error as `cause`).
 */
export type DatabaseFault = "SERVICE_UNAVAILABLE" | "TIMEOUT";

/** Node/postgres.js connection error codes meaning "no database to talk to". */
const unreachable = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/** SQLSTATEs: 57014 query_canceled (statement_timeout, cancel), 55P03 lock_not_available (lock_timeout). */
const timeouts = new Set(["57014", "55P03"]);
/** SQLSTATEs: class 08 connection exceptions, 57P01-57P03 shutdown/cannot connect now, 53300 too many connections. */
const unavailable = (code: string) => code.startsWith("08") || /^57P0[123]$/.test(code) || code === "53300";

/** The fault an error stands for, or undefined for any other error. */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 6 && e && typeof e === "object"; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (timeouts.has(code)) return "TIMEOUT";
      if (unreachable.has(code) || unavailable(code)) return "SERVICE_UNAVAILABLE";
    }
    if ((e as { name?: unknown }).name === "AbortError") return "TIMEOUT";
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * What may be logged about an error: its class, SQLSTATE/driver code and message, with anything
 * quoted (values, identifiers a caller could have sent) and SQL text (Drizzle's "Failed query: …
 * params: …") removed, so log lines carry no user parameters.
 */
export function loggableError(error: unknown): { type: string; code?: string; message: string } {
  let e: unknown = error;
  let code: string | undefined;
  let message = "";
  let type = "Error";
  for (let depth = 0; depth < 6 && e && typeof e === "object"; depth++) {
    const err = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
    if (typeof err.code === "string") code ??= err.code;
    if (typeof err.message === "string" && !err.message.startsWith("Failed query:")) {
      message = err.message;
      type = typeof err.name === "string" ? err.name : type;
      if (!err.cause) break;
    }
    e = err.cause;
  }
  if (typeof error === "string") message = error;
  const cleaned = message
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, "…")
    .split("\n")[0]
    ?.slice(0, 300);
  return { type, ...(code ? { code } : {}), message: cleaned ?? "" };
}
