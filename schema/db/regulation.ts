import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, unique } from "drizzle-orm/pg-core";
import { factColumns, id, jurisdictionPattern, slugCheck, timestamps } from "./columns.ts";
import { regulatoryInstrument, regulatoryStage, regulatoryTopic } from "./enums.ts";
import { facilities } from "./facilities.ts";
import { orderingIndexes } from "./orderings.ts";
import { vendors } from "./vendors.ts";

/**
 * A law, regulation, order, guidance, moratorium, standard or ruling. Its jurisdiction is a country
 * (ISO 3166-1 alpha-2), a subdivision (ISO 3166-2) or a union (EU).
 */
export const regulatoryEvents = pgTable(
  "regulatory_events",
  {
    id: id(),
    slug: text("slug").notNull().unique("regulatory_events_slug_unique"),
    title: text("title").notNull(),
    jurisdiction: text("jurisdiction").notNull(),
    authority: text("authority"),
    instrument: regulatoryInstrument("instrument").notNull(),
    stage: regulatoryStage("stage").notNull(),
    topics: regulatoryTopic("topics").array().notNull(),
    announcedOn: date("announced_on", { mode: "string" }),
    effectiveOn: date("effective_on", { mode: "string" }),
    summary: text("summary"),
    ...factColumns,
    ...timestamps,
  },
  (t) => [
    slugCheck("regulatory_events", t.slug),
    check(
      "regulatory_events_jurisdiction_iso",
      sql`${t.jurisdiction} ~ ${sql.raw(`'${jurisdictionPattern}'`)}`,
    ),
    check("regulatory_events_has_topic", sql`cardinality(${t.topics}) >= 1`),
    index("regulatory_events_jurisdiction_idx").on(t.jurisdiction),
    index("regulatory_events_stage_idx").on(t.stage),
    index("regulatory_events_announced_on_idx").on(t.announcedOn),
    index("regulatory_events_topics_idx").using("gin", t.topics),
    ...orderingIndexes("regulatory_events", t.id, [
      t.announcedOn,
      t.effectiveOn,
      t.title,
      t.jurisdiction,
      t.createdAt,
    ]),
  ],
);

/** A vendor or facility that a regulatory event names (exactly one of the two). */
export const regulatoryEventSubjects = pgTable(
  "regulatory_event_subjects",
  {
    id: id(),
    eventId: integer("event_id")
      .notNull()
      .references(() => regulatoryEvents.id, { onDelete: "cascade" }),
    vendorId: integer("vendor_id").references(() => vendors.id, { onDelete: "cascade" }),
    facilityId: integer("facility_id").references(() => facilities.id, { onDelete: "cascade" }),
    ...timestamps,
  },
  (t) => [
    check("regulatory_event_subjects_exactly_one", sql`num_nonnulls(${t.vendorId}, ${t.facilityId}) = 1`),
    unique("regulatory_event_subjects_unique").on(t.eventId, t.vendorId, t.facilityId).nullsNotDistinct(),
    index("regulatory_event_subjects_vendor_idx").on(t.vendorId),
    index("regulatory_event_subjects_facility_idx").on(t.facilityId),
  ],
);

/** Which countries belong to which union jurisdiction (EU), so a German facility is exposed to EU rules. */
export const unionMemberships = pgTable(
  "union_memberships",
  {
    unionCode: text("union_code").notNull(),
    country: text("country").notNull(),
  },
  (t) => [
    unique("union_memberships_unique").on(t.unionCode, t.country),
    index("union_memberships_country_idx").on(t.country),
  ],
);
