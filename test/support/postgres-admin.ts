import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Creates a database, fills it, and leaves it with no connections so it can serve as a template. */
export async function createPostgresTemplate(
  url: string,
  name: string,
  fill: (h: DatabaseHandle) => Promise<void>,
): Promise<string> {
  await admin(url, (sql) => sql.unsafe(`create database "${name}"`));
  const h = await openDatabase({ url: withDatabase(url, name), maxConnections: 1 });
  try {
    await fill(h);
  } finally {
    await h.close();
  }
  return name;
}

/** Clones a template into a fresh database and returns its URL. */
export async function clonePostgresTemplate(url: string, template: string, name: string): Promise<string> {
  await admin(url, (sql) => sql.unsafe(`create database "${name}" template "${template}"`));
  return withDatabase(url, name);
}

/** Drops one database, disconnecting anyone still on it. */
export async function dropPostgresDatabase(url: string, name: string): Promise<void> {
  await admin(url, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
}

/** Drops every database whose name starts with the run's prefix. */
export async function dropPostgresDatabases(url: string, prefix: string): Promise<void> {
  await admin(url, async (sql) => {
    const rows = await sql<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`${prefix}%`}`;
    // Clones first, templates last: a template cannot be dropped while a clone is being made from it.
    const isTemplate = (name: string) => name.endsWith("_empty") || name.endsWith("_seeded");
    const ordered = [
      ...rows.filter((r) => !isTemplate(r.datname)),
      ...rows.filter((r) => isTemplate(r.datname)),
    ];
    for (const { datname } of ordered) {
      await sql.unsafe(`drop database if exists "${datname}" with (force)`);
    }
  });
}
