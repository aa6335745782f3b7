import type { Logger } from "./logger.ts";

/**
 * What the process stops on SIGTERM/SIGINT after the HTTP server has drained, in reverse order of
 * registration (last started, first stopped), each awaited; a failing closer is logged and the
 * rest still run. The database handle is registered first, so it closes last. Add yours in
 * src/main.ts, e.g. `closers.add("digest scheduler", () => scheduler.stop())`.
 */
export class Closers {
  private readonly list: { name: string; close: () => Promise<void> | void }[] = [];

  add(name: string, close: () => Promise<void> | void): void {
    this.list.push({ name, close });
  }

  async closeAll(logger: Logger): Promise<void> {
    for (const { name, close } of [...this.list].reverse()) {
      try {
        await close();
        logger.info({ closer: name }, "closed");
      } catch (error) {
        logger.error(
          { closer: name, reason: error instanceof Error ? error.message : String(error) },
          "close failed",
        );
      }
    }
  }
}

/**
 * Installs the SIGTERM/SIGINT handlers: the first signal drains (`drain`, then exit 0; exit 1 if it
 * throws); further signals while draining are logged and ignored, since a process-group signal
 * reaches the server once directly and once relayed by npm. A backstop exits 1 if draining takes
 * longer than `timeoutMs` + 5 s.
 */
export function onTerminationSignals(logger: Logger, timeoutMs: number, drain: () => Promise<void>): void {
  let draining = false;
  const handle = (signal: NodeJS.Signals) => {
    if (draining) {
      logger.info({ signal }, "already draining: signal ignored");
      return;
    }
    draining = true;
    logger.info({ signal, timeoutMs }, "shutting down: draining in-flight requests");
    setTimeout(() => {
      logger.error("drain took too long: exiting now");
      process.exit(1);
    }, timeoutMs + 5_000).unref();
    drain().then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ reason: error instanceof Error ? error.message : String(error) }, "drain failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
}
