import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type postgres from "postgres";
import { copyTextLine } from "./copy-text.ts";

export type CopyRows = Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>;

/** Raw access to one transaction for bulk loads (COPY), on either backend. */
export interface BulkSession {
  /** Runs one SQL statement without parameters and returns its rows. */
  query<T extends Record<string, unknown>>(text: string): Promise<T[]>;
  /** Streams rows (values in `columns` order) into `table` with COPY; returns the number of rows. */
  copyFrom(table: string, columns: readonly string[], rows: CopyRows): Promise<number>;
}

/** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
export type BulkTransaction = <T>(work: (session: BulkSession) => Promise<T>) => Promise<T>;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const copyStatement = (table: string, columns: readonly string[], from: string) =>
  `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) from ${from}`;

/** Joins encoded rows into chunks of about `chunkChars` characters, counting rows as it goes. */
async function* chunks(rows: CopyRows, chunkChars: number, counter: { rows: number }) {
  let chunk = "";
  for await (const row of rows) {
    chunk += copyTextLine(row);
    counter.rows++;
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** PostgreSQL: COPY FROM STDIN through postgres.js, streamed with back-pressure. */
export function postgresBulk(client: postgres.Sql): BulkTransaction {
  return async (work) => {
    const result = await client.begin((tx) =>
      work({
        query: async (text) => (await tx.unsafe(text)) as unknown as never[],
        copyFrom: async (table, columns, rows) => {
          const counter = { rows: 0 };
          const copy = tx.unsafe(copyStatement(table, columns, "stdin"));
          const failed = copyFailure(copy);
          const sink = await copy.writable();
          await Promise.race([pipeline(Readable.from(chunks(rows, 256 * 1024, counter)), sink), failed]);
          return counter.rows;
        },
      }),
    );
    return result as Awaited<ReturnType<typeof work>>;
  };
}

/**
 * Rejects with the server's error if the COPY fails. postgres.js 3.4 never settles the writable when
 * the error arrives after the last row was sent (porsager/postgres#1173): the pipeline would hang and
 * the transaction never roll back. The error still reaches the query's own `reject`, observed here.
 */
function copyFailure(copy: object): Promise<never> {
  return new Promise((_, fail) => {
    const query = copy as { reject?: (error: unknown) => void };
    const reject = query.reject;
    if (typeof reject !== "function") return;
    query.reject = (error) => {
      fail(error);
      reject(error);
    };
  });
}

/** PGlite: COPY FROM '/dev/blob', one blob per chunk of a few MB (never the whole table at once). */
export function pgliteBulk(client: PGlite): BulkTransaction {
  return (work) =>
    client.transaction((tx: Transaction) =>
      work({
        query: async (text) => (await tx.query(text)).rows as never[],
        copyFrom: async (table, columns, rows) => {
          const counter = { rows: 0 };
          const statement = copyStatement(table, columns, "'/dev/blob'");
          for await (const chunk of chunks(rows, 8 * 1024 * 1024, counter)) {
            await tx.query(statement, [], { blob: new Blob([chunk]) });
          }
          return counter.rows;
        },
      }),
    );
}
