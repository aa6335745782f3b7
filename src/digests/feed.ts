import { and, desc, eq } from "drizzle-orm";
import type { RequestHandler } from "express";
import { Feed } from "feed";
import { digests } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "../logger.ts";
import { getSubscriptionBySlug } from "../subscriptions/queries.ts";
import type { DigestDocument } from "./document.ts";
import { type DigestFormat, FORMAT_MEDIA_TYPE, renderDigest } from "./render/index.ts";

/** Entries in a subscription's feed (the most recent digests). */
export const FEED_ENTRIES = 50;

const EXTENSIONS: Record<string, DigestFormat> = { html: "HTML", md: "MARKDOWN", json: "JSON" };

/** The Atom feed of a subscription's digests; each entry links to the digest as HTML. */
export async function subscriptionFeed(db: Database, slug: string, baseUrl: string): Promise<string | null> {
  const sub = await getSubscriptionBySlug(db, slug);
  if (!sub) return null;
  const rows = await db
    .select()
    .from(digests)
    .where(eq(digests.subscriptionId, sub.id))
    .orderBy(desc(digests.slot))
    .limit(FEED_ENTRIES);
  const base = baseUrl.replace(/\/+$/, "");
  const self = `${base}/digests/${sub.slug}.atom`;
  const feed = new Feed({
    title: `Hyperscope digests: ${sub.name}`,
    id: self,
    link: self,
    updated: rows[0]?.createdAt ?? sub.createdAt,
    generator: "Hyperscope",
    copyright: "Sourced facts; see each item's sources",
    feedLinks: { atom: self },
  });
  for (const row of rows) {
    const doc = row.rendered as DigestDocument;
    const link = `${base}/digests/${sub.slug}/${row.id}.html`;
    const count = doc.items.length;
    feed.addItem({
      title: `${sub.name}: ${row.slot.toISOString()} — ${count === 0 ? "nothing new" : `${count} item(s)`}`,
      id: `${base}/digests/${sub.slug}/${row.id}`,
      link,
      date: row.createdAt,
      description:
        count === 0 ? "Nothing new matched the watched signals." : doc.items.map((i) => i.title).join("; "),
      content: renderDigest(doc, "HTML"),
    });
  }
  return feed.atom1();
}

/** GET /digests/<subscription>.atom and GET /digests/<subscription>/<digest id>.(html|md|json). */
export function digestRoutes(db: Database, baseUrl: string, logger: Logger): RequestHandler {
  return async (req, res, next) => {
    try {
      const path = req.path;
      const feed = /^\/digests\/([a-z0-9-]+)\.atom$/.exec(path);
      if (req.method === "GET" && feed?.[1]) {
        const xml = await subscriptionFeed(db, feed[1], baseUrl);
        if (xml === null) return next();
        res.type("application/atom+xml; charset=utf-8").send(xml);
        return;
      }
      const one = /^\/digests\/([a-z0-9-]+)\/([0-9]{1,9})\.(html|md|json)$/.exec(path);
      if (req.method === "GET" && one?.[1] && one[2] && one[3]) {
        const sub = await getSubscriptionBySlug(db, one[1]);
        if (!sub) return next();
        const [row] = await db
          .select()
          .from(digests)
          .where(and(eq(digests.id, Number(one[2])), eq(digests.subscriptionId, sub.id)));
        if (!row) return next();
        const format = EXTENSIONS[one[3]] as DigestFormat;
        res.type(FORMAT_MEDIA_TYPE[format]).send(renderDigest(row.rendered as DigestDocument, format));
        return;
      }
      next();
    } catch (error) {
      logger.error({ err: error }, "digest route failed");
      next(error);
    }
  };
}
