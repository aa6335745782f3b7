import { loggableError } from "./db/faults.ts";
import type { Logger } from "./logger.ts";

/**
 * The server's policy for errors that escaped every handler (installed by src/main.ts):
 *
 * - An **unhandled promise rejection** is logged at error level ("unhandled promise rejection",
 *   with the error's class, code and cleaned message) and counted in /metrics; the process keeps
 *   serving. Such a promise is work whose outcome nobody awaits (a driver's fire-and-forget, e.g.
 *   the cancel request postgres.js sends to a database that is going away): the failure is the
 *   promise's own and has not unwound the stack through code that was mid-way through changing
 *   shared state. Node's default (`--unhandled-rejections=throw`) would turn it into a crash of a
 *   server in the middle of serving every other client, and a database fault would become an outage
 *   of the API; a logged error is found and fixed instead.
 * - An **uncaught exception** (a synchronous throw that unwound to the event loop) is logged at
 *   fatal level and the process exits 1: the code it unwound through may have left state half
 *   changed, and Node documents that resuming after one is unsafe. The orchestrator restarts it.
 *
 * Returns a function that removes the handlers (tests).
 */
export function installLastResortHandlers(
  logger: Logger,
  options: { onUnhandledRejection?: () => void; exit?: (code: number) => void } = {},
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onRejection = (reason: unknown) => {
    options.onUnhandledRejection?.();
    logger.error(
      { error: loggableError(reason), stack: stackOf(reason) },
      "unhandled promise rejection (logged, not fatal)",
    );
  };
  const onException = (error: Error, origin: string) => {
    logger.fatal(
      { error: loggableError(error), origin, stack: stackOf(error) },
      "uncaught exception: exiting",
    );
    logger.flush?.();
    exit(1);
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}

/** The first frames of an error's stack (where it came from), without its message line. */
function stackOf(error: unknown): string | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  return stack?.split("\n").slice(1, 8).join("\n");
}
