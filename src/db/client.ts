import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../schema/db/index.ts";
import { type BulkTransaction, pgliteBulk, postgresBulk } from "./bulk.ts";
import { assertNotCancelled, trackStatement } from "./statement-scope.ts";

export type Schema = typeof schema;
/** The Drizzle database, whichever backend is behind it. Passed in to every query function. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Backend = "pglite" | "postgres";

/** Called with the SQL text of every statement sent to the database (for statement-count tests and tracing). */
export type StatementListener = (sql: string) => void;

/** Called when driver work that no caller awaits fails (`event` names it, e.g. "statement cancel"). */
export type BackgroundErrorListener = (event: string, error: unknown) => void;

export interface DatabaseHandle {
  db: Database;
  backend: Backend;
  /** Subscribe to every statement the driver sends; returns the unsubscribe function. */
  onStatement(listener: StatementListener): () => void;
  /** PGlite only: the whole data directory as an uncompressed tarball (test templates). */
  dumpDataDir?: () => Promise<Blob>;
  /** One transaction with raw COPY access for bulk loads (src/db/bulk.ts). */
  bulk?: BulkTransaction;
  /**
   * `select 1` on a connection of its own (PostgreSQL) so a busy pool does not fail health checks;
   * rejects when the database is unreachable.
   */
  ping(): Promise<void>;
  /** Pool figures for /metrics: statements sent and not yet settled, and the pool's size. */
  poolUsage(): { active: number; max: number };
  /**
   * Closes the database. PostgreSQL: statements still running get `timeoutMs` (default 5 s) to
   * finish, then their connections are closed. PGlite: waits for the running statement.
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

export type OpenDatabaseOptions =
  | {
      url: string;
      maxConnections?: number;
      /** PostgreSQL statement_timeout / lock_timeout for every pooled connection (0 = none). */
      statementTimeoutMs?: number;
      lockTimeoutMs?: number;
      /** Seconds to wait for a new connection (fail fast when the database is down). */
      connectTimeoutS?: number;
      /**
       * Told about driver work no caller awaits that failed, e.g. a statement's cancel request
       * that could not reach the database (default: ignored). The server logs them.
       */
      onBackgroundError?: BackgroundErrorListener;
    }
  | { dataDir: string }
  | { memory: true; loadDataDir?: Blob }
  | { pglite: PGlite };

/** Raised when the database cannot be reached or opened; carries a message fit for an operator. */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

function listeners() {
  const set = new Set<StatementListener>();
  return {
    emit: (text: string) => {
      for (const l of set) l(text);
    },
    add: (l: StatementListener) => {
      set.add(l);
      return () => void set.delete(l);
    },
  };
}

/**
 * Seconds a pooled connection waits before reconnecting after its last connection failed, by the
 * number of failures in a row. postgres.js's default grows to 20 s (3^n / 100 s): while PostgreSQL
 * is down every request queued behind it then waited for seconds instead of failing fast with
 * SERVICE_UNAVAILABLE (requests timed out at the 10 s deadline), and service resumed up to 20 s
 * after PostgreSQL did. A refused connection is cheap, so this caps the wait at 0.5 s.
 */
export const reconnectBackoffS = (failures: number): number => Math.min(0.1 * failures, 0.5);

/** Opens PostgreSQL through postgres.js when given a URL, otherwise the embedded PGlite. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const bus = listeners();
  if ("url" in options) {
    const max = options.maxConnections ?? 10;
    const connection: { statement_timeout?: number; lock_timeout?: number } = {};
    if (options.statementTimeoutMs) connection.statement_timeout = options.statementTimeoutMs;
    if (options.lockTimeoutMs) connection.lock_timeout = options.lockTimeoutMs;
    const client = postgres(options.url, {
      max,
      onnotice: () => {},
      connect_timeout: options.connectTimeoutS ?? 10,
      backoff: reconnectBackoffS,
      connection,
      // patches/postgres+3.4.9.patch: every statement's text as it is sent, transactions included.
      // (postgres.js's own `debug` hook would also capture a stack trace per query, 17% of a node
      // lookup's server CPU, and make every error list its parameters.)
      onstatement: (_connection, text) => bus.emit(text),
    });
    const active = instrumentPostgres(client, options.onBackgroundError ?? (() => {}));
    try {
      await client`select 1`;
    } catch (error) {
      await client.end({ timeout: 1 }).catch(() => {});
      const where = safeUrl(options.url);
      throw new DatabaseOpenError(`Cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`);
    }
    // The health check's own connection: idle ones close, so a restarted database is seen afresh.
    const pinger = postgres(options.url, {
      max: 1,
      onnotice: () => {},
      connect_timeout: 1, // under the health check's timeout: an unreachable database reads as down
      idle_timeout: 5,
      connection: { statement_timeout: 2000 },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      db,
      backend: "postgres",
      onStatement: bus.add,
      bulk: postgresBulk(client),
      ping: async () => void (await pinger`select 1`),
      poolUsage: () => ({ active: active(), max }),
      close: async ({ timeoutMs = 5_000 } = {}) => {
        const seconds = Math.max(0.1, timeoutMs / 1000);
        await Promise.all([client.end({ timeout: seconds }), pinger.end({ timeout: Math.min(1, seconds) })]);
      },
    };
  }
  const client =
    "pglite" in options
      ? options.pglite
      : "dataDir" in options
        ? await PGlite.create(options.dataDir)
        : await PGlite.create({ loadDataDir: options.loadDataDir });
  const active = instrumentPglite(client, bus.emit);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    backend: "pglite",
    onStatement: bus.add,
    dumpDataDir: () => client.dumpDataDir("none"),
    bulk: pgliteBulk(client),
    ping: async () => void (await client.query("select 1")),
    poolUsage: () => ({ active: active(), max: 1 }),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * Every statement Drizzle sends through postgres.js (`unsafe`) joins the current request's
 * statement scope, so a cancelled request cancels it, and is counted while it runs. Returns the
 * running count. A statement of an already cancelled request is refused before it is queued.
 */
function instrumentPostgres(client: postgres.Sql, onBackgroundError: BackgroundErrorListener): () => number {
  let active = 0;
  const unsafe = client.unsafe.bind(client);
  client.unsafe = ((...args: Parameters<typeof client.unsafe>) => {
    assertNotCancelled();
    const query = unsafe(...args);
    active++;
    const untrack = trackStatement(() =>
      cancelStatement(query, (error) => onBackgroundError("statement cancel", error)),
    );
    const settle = () => {
      active--;
      untrack();
    };
    // then() starts the query one tick later (postgres.js), after Drizzle has called .values().
    query.then(settle, settle);
    return query;
  }) as typeof client.unsafe;
  return () => active;
}

/**
 * Cancels a postgres.js statement without risking the process. postgres.js sends a running
 * statement's CancelRequest over a new connection; when that connection cannot be made (the
 * database is stopping or restarting, a network fault) the request's promise rejects. Upstream
 * 3.4.9 drops that promise inside `cancel()`, so the rejection was unhandled and ended the server;
 * patches/postgres+3.4.9.patch makes `cancel()` return it, and this reports its failure to
 * `onError`. The statement then ends with its connection (or at statement_timeout).
 */
export function cancelStatement(query: { cancel(): unknown }, onError: (error: unknown) => void): void {
  try {
    Promise.resolve(query.cancel()).catch(onError);
  } catch (error) {
    onError(error);
  }
}

/**
 * PGlite has no debug hook: wrap its query entry points so every statement is reported, including
 * those run on the transaction object PGlite hands to `transaction()` (Drizzle's transactions).
 * PGlite cannot cancel a running statement: a cancelled request's next statements are refused
 * instead. Returns the running count.
 */
function instrumentPglite(client: PGlite, emit: (sql: string) => void): () => number {
  let active = 0;
  const counted = <T>(run: () => Promise<T>): Promise<T> => {
    assertNotCancelled();
    active++;
    return run().finally(() => {
      active--;
    });
  };
  const wrap = (target: Pick<PGlite, "query" | "exec">) => {
    const query = target.query.bind(target);
    const exec = target.exec.bind(target);
    target.query = ((text: string, ...rest: unknown[]) => {
      assertNotCancelled();
      emit(text);
      return counted(() => (query as (...a: unknown[]) => Promise<unknown>)(text, ...rest));
    }) as typeof client.query;
    target.exec = ((text: string, ...rest: unknown[]) => {
      assertNotCancelled();
      emit(text);
      return counted(() => (exec as (...a: unknown[]) => Promise<unknown>)(text, ...rest));
    }) as typeof client.exec;
  };
  wrap(client);
  const transaction = client.transaction.bind(client);
  client.transaction = ((work: (tx: Transaction) => Promise<unknown>) =>
    transaction((tx) => {
      wrap(tx);
      return work(tx);
    })) as typeof client.transaction;
  return () => active;
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable URL>";
  }
}
