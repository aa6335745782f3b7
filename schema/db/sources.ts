import { sql } from "drizzle-orm";
import { check, date, pgTable, text } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns.ts";
import { orderingIndexes } from "./orderings.ts";

/** A public document that backs facts: every curated fact row cites at least one. */
export const sources = pgTable(
  "sources",
  {
    id: id(),
    url: text("url").notNull().unique("sources_url_unique"),
    title: text("title").notNull(),
    publisher: text("publisher").notNull(),
    publishedOn: date("published_on", { mode: "string" }),
    retrievedOn: date("retrieved_on", { mode: "string" }),
    ...timestamps,
  },
  (t) => [
    check("sources_url_format", sql`${t.url} ~ '^https?://'`),
    check("sources_title_nonempty", sql`length(${t.title}) > 0`),
    ...orderingIndexes("sources", t.id, [t.title, t.publisher, t.publishedOn]),
  ],
);
