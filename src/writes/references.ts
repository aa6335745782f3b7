import { inArray } from "drizzle-orm";
import { chips, facilities, sources, vendors } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { type UserError, userError, WriteRefused } from "./user-errors.ts";

/** The tables a record refers to by slug. */
const bySlug = { vendors, facilities, chips } as const;
export type SlugTable = keyof typeof bySlug;

/**
 * Resolves a record's references (slugs of vendors, facilities, chips; sources by URL) to ids
 * inside the write's transaction, collecting every unknown one as UNKNOWN_REFERENCE so a record
 * with several bad references reports them all (throwIfUnknown()).
 */
export class References {
  readonly errors: UserError[] = [];
  private readonly cache = new Map<string, number | null>();

  constructor(private readonly db: Database) {}

  /** The id of the row with this slug, or null (and an error at `field`) when none has it. */
  async id(table: SlugTable, slug: string, field: (string | number)[]): Promise<number | null> {
    const key = `${table}:${slug}`;
    if (!this.cache.has(key)) {
      const t = bySlug[table];
      const [row] = await this.db
        .select({ id: t.id })
        .from(t)
        .where(inArray(t.slug, [slug]));
      this.cache.set(key, row?.id ?? null);
    }
    const id = this.cache.get(key) ?? null;
    if (id == null)
      this.errors.push(userError(field, "UNKNOWN_REFERENCE", `no ${singular[table]} with slug "${slug}"`));
    return id;
  }

  /** Like id() for an optional reference: null stays null without an error. */
  maybe(table: SlugTable, slug: string | null, field: (string | number)[]): Promise<number | null> {
    return slug == null ? Promise.resolve(null) : this.id(table, slug, field);
  }

  /** The id of the source with this URL (create it first with createSource). */
  async source(url: string, field: (string | number)[]): Promise<number | null> {
    const [row] = await this.db
      .select({ id: sources.id })
      .from(sources)
      .where(inArray(sources.url, [url]));
    if (!row)
      this.errors.push(
        userError(field, "UNKNOWN_REFERENCE", `no source with url "${url}" (create it with createSource)`),
      );
    return row?.id ?? null;
  }

  throwIfUnknown(): void {
    if (this.errors.length > 0) throw new WriteRefused(this.errors);
  }
}

const singular: Record<SlugTable, string> = { vendors: "vendor", facilities: "facility", chips: "chip" };

/** The slug of a row a stored record refers to (null for a null reference). */
export async function slugOf(db: Database, table: SlugTable, id: number | null): Promise<string | null> {
  if (id == null) return null;
  const t = bySlug[table];
  const [row] = await db
    .select({ slug: t.slug })
    .from(t)
    .where(inArray(t.id, [id]));
  return row?.slug ?? null;
}
