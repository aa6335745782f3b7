import { index, integer, type PgColumn, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { chips } from "./chips.ts";
import { timestamps } from "./columns.ts";
import { capacityPhases, deployments, facilities } from "./facilities.ts";
import { dependencies, disclosures, marketShares } from "./market.ts";
import { models } from "./models.ts";
import { outages } from "./outages.ts";
import { regulatoryEvents } from "./regulation.ts";
import { sources } from "./sources.ts";
import { vendors } from "./vendors.ts";

/**
 * One link table per fact table: `<entity>_citations(subject_id, source_id, locator)`. Separate
 * tables (rather than one polymorphic table) let the database enforce both foreign keys.
 */
function citationTable(name: string, subjectId: () => PgColumn) {
  return pgTable(
    `${name}_citations`,
    {
      subjectId: integer("subject_id").notNull().references(subjectId, { onDelete: "cascade" }),
      sourceId: integer("source_id")
        .notNull()
        .references(() => sources.id, { onDelete: "restrict" }),
      /** Where in the source the fact is found (page, table, quote), when useful. */
      locator: text("locator"),
      ...timestamps,
    },
    (t) => [
      primaryKey({ name: `${name}_citations_pk`, columns: [t.subjectId, t.sourceId] }),
      index(`${name}_citations_source_idx`).on(t.sourceId),
    ],
  );
}

export const vendorCitations = citationTable("vendor", () => vendors.id);
export const chipCitations = citationTable("chip", () => chips.id);
export const facilityCitations = citationTable("facility", () => facilities.id);
export const deploymentCitations = citationTable("deployment", () => deployments.id);
export const outageCitations = citationTable("outage", () => outages.id);
export const regulatoryEventCitations = citationTable("regulatory_event", () => regulatoryEvents.id);
export const disclosureCitations = citationTable("disclosure", () => disclosures.id);
export const marketShareCitations = citationTable("market_share", () => marketShares.id);
export const dependencyCitations = citationTable("dependency", () => dependencies.id);
export const modelCitations = citationTable("model", () => models.id);
export const capacityPhaseCitations = citationTable("capacity_phase", () => capacityPhases.id);

/** The citation table of each fact table, keyed by the entity name the API and seeds use. */
export const citationTables = {
  vendor: vendorCitations,
  chip: chipCitations,
  facility: facilityCitations,
  deployment: deploymentCitations,
  outage: outageCitations,
  regulatoryEvent: regulatoryEventCitations,
  disclosure: disclosureCitations,
  marketShare: marketShareCitations,
  dependency: dependencyCitations,
  model: modelCitations,
  capacityPhase: capacityPhaseCitations,
} as const;
