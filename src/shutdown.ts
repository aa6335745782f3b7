import type { Logger } from "./logger.ts";

/**
 * The drain on SIGTERM/SIGINT has one deadline, SHUTDOWN_TIMEOUT_MS after the signal, by which the
 * process has exited 0: in-flight requests may run until `requestDrainMs` (the deadline less
 * CLOSE_BUDGET_MS, or half of it when it is short), then the connections still open are closed and
 * the closers (scheduler, database pool) get the rest.
 */
export const CLOSE_BUDGET_MS = 1_500;

/** How long in-flight requests may run after the signal, for a SHUTDOWN_TIMEOUT_MS of `timeoutMs`. */
export function requestDrainMs(timeoutMs: number): number {
  return Math.max(0, timeoutMs - Math.min(CLOSE_BUDGET_MS, timeoutMs / 2));
}

/** If the drain has not ended this long after its deadline, the process exits 1 (a backstop). */
export const BACKSTOP_MS = 3_000;

/**
 * What the process stops on SIGTERM/SIGINT after the HTTP server has drained, in reverse order of
 * registration (last started, first stopped), each awaited; a failing closer is logged and the
 * rest still run. The database handle is registered first, so it closes last. Each closer gets the
 * drain's deadline (epoch ms) to bound its wait by. Add yours in src/main.ts.
 */
export class Closers {
  private readonly list: { name: string; close: (deadline: number) => Promise<void> | void }[] = [];

  add(name: string, close: (deadline: number) => Promise<void> | void): void {
    this.list.push({ name, close });
  }

  async closeAll(logger: Logger, deadline = Date.now() + CLOSE_BUDGET_MS): Promise<void> {
    for (const { name, close } of [...this.list].reverse()) {
      try {
        await close(deadline);
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
 * Resolves when `work` settles or at `deadline` (epoch ms), whichever comes first; true when `work`
 * finished in time. A rejection of `work` counts as finished (the caller logs what it needs).
 */
export async function until(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Installs the SIGTERM/SIGINT handlers: the first signal drains (`drain(deadline)`, then exit 0;
 * exit 1 if it throws), with `deadline` = signal + `timeoutMs`; further signals while draining are
 * logged and ignored, since a process-group signal may reach the server more than once. A backstop
 * exits 1 if draining has not ended BACKSTOP_MS after the deadline.
 */
export function onTerminationSignals(
  logger: Logger,
  timeoutMs: number,
  drain: (deadline: number) => Promise<void>,
): void {
  let draining = false;
  const handle = (signal: NodeJS.Signals) => {
    if (draining) {
      logger.info({ signal }, "already draining: signal ignored");
      return;
    }
    draining = true;
    const deadline = Date.now() + timeoutMs;
    logger.info({ signal, timeoutMs }, "shutting down: draining in-flight requests");
    setTimeout(() => {
      logger.error({ timeoutMs }, "drain took too long: exiting now");
      process.exit(1);
    }, timeoutMs + BACKSTOP_MS).unref();
    drain(deadline).then(
      () => {
        logger.info({ ms: timeoutMs - (deadline - Date.now()) }, "stopped");
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
