import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../schema/db/index.ts";
import { type BulkTransaction, pgliteBulk, postgresBulk } from "./bulk.ts";

export type Schema = typeof schema;
/** The Drizzle database, whichever backend is behind it. Passed in to every query function. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Backend = "pglite" | "postgres";

/** Called with the SQL text of every statement sent to the database (for statement-count tests and tracing). */
export type StatementListener = (sql: string) => void;

export interface DatabaseHandle {
  db: Database;
  backend: Backend;
  /** Subscribe to every statement the driver sends; returns the unsubscribe function. */
  onStatement(listener: StatementListener): () => void;
  /** PGlite only: the whole data directory as an uncompressed tarball (test templates). */
  dumpDataDir?: () => Promise<Blob>;
  /** One transaction with raw COPY access for bulk loads (src/db/bulk.ts). */
  bulk?: BulkTransaction;
  close(): Promise<void>;
}

export type OpenDatabaseOptions =
  | { url: string; maxConnections?: number }
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

/** Opens PostgreSQL through postgres.js when given a URL, otherwise the embedded PGlite. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const bus = listeners();
  if ("url" in options) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      debug: (_conn, query) => bus.emit(query),
      connect_timeout: 10,
    });
    try {
      await client`select 1`;
    } catch (error) {
      await client.end({ timeout: 1 }).catch(() => {});
      const where = safeUrl(options.url);
      throw new DatabaseOpenError(`Cannot connect to PostgreSQL at ${where}: ${(error as Error).message}`);
    }
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    return {
      db,
      backend: "postgres",
      onStatement: bus.add,
      bulk: postgresBulk(client),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const client =
    "pglite" in options
      ? options.pglite
      : "dataDir" in options
        ? await PGlite.create(options.dataDir)
        : await PGlite.create({ loadDataDir: options.loadDataDir });
  instrumentPglite(client, bus.emit);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    backend: "pglite",
    onStatement: bus.add,
    dumpDataDir: () => client.dumpDataDir("none"),
    bulk: pgliteBulk(client),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * PGlite has no debug hook: wrap its query entry points so every statement is reported, including
 * those run on the transaction object PGlite hands to `transaction()` (Drizzle's transactions).
 */
function instrumentPglite(client: PGlite, emit: (sql: string) => void) {
  const wrap = (target: Pick<PGlite, "query" | "exec">) => {
    const query = target.query.bind(target);
    const exec = target.exec.bind(target);
    target.query = ((text: string, ...rest: unknown[]) => {
      emit(text);
      return (query as (...a: unknown[]) => unknown)(text, ...rest);
    }) as typeof client.query;
    target.exec = ((text: string, ...rest: unknown[]) => {
      emit(text);
      return (exec as (...a: unknown[]) => unknown)(text, ...rest);
    }) as typeof client.exec;
  };
  wrap(client);
  const transaction = client.transaction.bind(client);
  client.transaction = ((work: (tx: Transaction) => Promise<unknown>) =>
    transaction((tx) => {
      wrap(tx);
      return work(tx);
    })) as typeof client.transaction;
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
