import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The statements one request has sent, so they can be cancelled together when the request's
 * deadline passes or its client goes away. The HTTP layer runs each request inside a scope
 * (runInStatementScope); the drivers register every statement with the current scope (src/db/client.ts).
 * Invariant: once the scope's signal is aborted, no new statement of that request reaches the
 * database (it fails at once with code 57014, as a cancelled statement does).
 */
interface Scope {
  signal: AbortSignal;
  cancels: Set<() => void>;
}

const storage = new AsyncLocalStorage<Scope>();

/** Runs `work` (and everything it starts) in a statement scope tied to `signal`. */
export function runInStatementScope<T>(signal: AbortSignal, work: () => T): T {
  const scope: Scope = { signal, cancels: new Set() };
  signal.addEventListener(
    "abort",
    () => {
      for (const cancel of scope.cancels) cancel();
      scope.cancels.clear();
    },
    { once: true },
  );
  return storage.run(scope, work);
}

/** The error a statement of an aborted request fails with. */
export class StatementCancelled extends Error {
  override name = "AbortError";
  readonly code = "57014";
  constructor() {
    super("statement not sent: its request was cancelled");
  }
}

/** Throws StatementCancelled when the current request has been aborted. */
export function assertNotCancelled(): void {
  if (storage.getStore()?.signal.aborted) throw new StatementCancelled();
}

/** Registers a running statement's cancel function with the current scope; call the result when it settles. */
export function trackStatement(cancel: () => void): () => void {
  const scope = storage.getStore();
  if (!scope) return () => {};
  scope.cancels.add(cancel);
  return () => scope.cancels.delete(cancel);
}
