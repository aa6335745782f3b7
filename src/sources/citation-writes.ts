import { and, count, eq, getTableName } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import {
  chips,
  citationTables,
  dependencies,
  deployments,
  disclosures,
  facilities,
  marketShares,
  models,
  outages,
  regulatoryEvents,
  sources,
  vendors,
} from "../../schema/db/index.ts";
import { recordAudit } from "../audit/record.ts";
import type { Database } from "../db/client.ts";
import { decodeGlobalId } from "../graphql/ids.ts";
import { oversizedStrings, userError, WriteRefused } from "../writes/user-errors.ts";
import type { CitedEntity } from "./queries.ts";

/** The fact kinds that cite sources: GraphQL type → citation kind and fact table. */
const citedTypes: Record<string, { entity: CitedEntity; table: PgTable & { id: PgColumn } }> = {
  Vendor: { entity: "vendor", table: vendors },
  Chip: { entity: "chip", table: chips },
  Facility: { entity: "facility", table: facilities },
  Deployment: { entity: "deployment", table: deployments },
  Outage: { entity: "outage", table: outages },
  RegulatoryEvent: { entity: "regulatoryEvent", table: regulatoryEvents },
  Disclosure: { entity: "disclosure", table: disclosures },
  VendorMarketShare: { entity: "marketShare", table: marketShares },
  Dependency: { entity: "dependency", table: dependencies },
  Model: { entity: "model", table: models },
};

export interface CitationChange {
  /** The fact, tagged with its GraphQL type (for the payload's `fact: Fact`). */
  fact: Record<string, unknown> & { __typename: string };
  /** The citation as it is after the write (null after a detach). */
  citation: { source: typeof sources.$inferSelect; locator: string | null } | null;
}

const tx = <T>(db: Database, work: (t: Database) => Promise<T>) =>
  db.transaction((t) => work(t as unknown as Database));

/** Decodes the fact id and locks the fact's row (so concurrent detaches cannot remove every source). */
async function lockFact(db: Database, factId: string) {
  let decoded: { type: string; id: number };
  try {
    decoded = decodeGlobalId(factId, "input.fact");
  } catch {
    throw new WriteRefused([userError(["input", "fact"], "INVALID", `"${factId}" is not a global id`)]);
  }
  const kind = citedTypes[decoded.type];
  if (!kind)
    throw new WriteRefused([userError(["input", "fact"], "INVALID", `a ${decoded.type} cites no sources`)]);
  const [row] = await db.select().from(kind.table).where(eq(kind.table.id, decoded.id)).for("update");
  if (!row)
    throw new WriteRefused([userError(["input", "fact"], "NOT_FOUND", `no ${decoded.type} with this id`)]);
  const fact = { ...(row as Record<string, unknown>), __typename: decoded.type };
  return { links: citationTables[kind.entity], id: decoded.id, fact };
}

async function sourceByUrl(db: Database, url: string) {
  const [source] = await db.select().from(sources).where(eq(sources.url, url));
  if (!source) {
    throw new WriteRefused([userError(["input", "url"], "UNKNOWN_REFERENCE", `no source with url "${url}"`)]);
  }
  return source;
}

/** Cites a source (by URL) from a fact, with an optional locator; attaching again replaces the locator. */
export function attachSource(
  db: Database,
  input: { fact: string; url: string; locator?: string | null },
  actor: string,
): Promise<CitationChange> {
  const tooLong = oversizedStrings(input, ["input"]);
  if (tooLong.length > 0) return Promise.reject(new WriteRefused(tooLong));
  const locator = input.locator?.trim() ? input.locator.trim() : null;
  return tx(db, async (t) => {
    const { links, id, fact } = await lockFact(t, input.fact);
    const source = await sourceByUrl(t, input.url);
    const [before] = await t
      .select()
      .from(links)
      .where(and(eq(links.subjectId, id), eq(links.sourceId, source.id)));
    const [after] = await t
      .insert(links)
      .values({ subjectId: id, sourceId: source.id, locator })
      .onConflictDoUpdate({ target: [links.subjectId, links.sourceId], set: { locator } })
      .returning();
    const action = before ? "UPDATE" : "INSERT";
    await recordAudit(t, [
      {
        actor,
        action,
        entity: getTableName(links),
        entityId: id,
        before: before ? { ...before, url: source.url } : null,
        after: { ...after, url: source.url },
      },
    ]);
    return { fact, citation: { source, locator } };
  });
}

/** Removes a source from a fact; refused (SOURCE_REQUIRED) when it is the fact's last source. */
export function detachSource(
  db: Database,
  input: { fact: string; url: string },
  actor: string,
): Promise<CitationChange> {
  return tx(db, async (t) => {
    const { links, id, fact } = await lockFact(t, input.fact);
    const source = await sourceByUrl(t, input.url);
    const [before] = await t
      .select()
      .from(links)
      .where(and(eq(links.subjectId, id), eq(links.sourceId, source.id)));
    if (!before)
      throw new WriteRefused([
        userError(["input", "url"], "NOT_FOUND", "the fact does not cite this source"),
      ]);
    const [total] = await t.select({ n: count() }).from(links).where(eq(links.subjectId, id));
    if ((total?.n ?? 0) <= 1) {
      throw new WriteRefused([
        userError(
          ["input", "url"],
          "SOURCE_REQUIRED",
          "this is the fact's last source: attach another one first",
        ),
      ]);
    }
    await t.delete(links).where(and(eq(links.subjectId, id), eq(links.sourceId, source.id)));
    await recordAudit(t, [
      {
        actor,
        action: "DELETE",
        entity: getTableName(links),
        entityId: id,
        before: { ...before, url: source.url },
        after: null,
      },
    ]);
    return { fact, citation: null };
  });
}
