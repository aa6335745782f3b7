import { getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  capacityPhases,
  chips,
  citationTables,
  dependencies,
  deployments,
  disclosures,
  facilities,
  marketShares,
  models,
  outageImpacts,
  outages,
  regulatoryEventSubjects,
  regulatoryEvents,
  sources,
  vendors,
} from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/rows.ts";
import type { SeedCatalogue } from "./catalogue.ts";
import { type CitationRow, syncChildren, syncCitations } from "./children.ts";
import type { Located } from "./files.ts";
import { idsByKey, keyText } from "./lookup.ts";
import type { Citation } from "./records.ts";
import { type AuditTrail, auditEntryOf, noChanges, type TableChanges, upsertRows } from "./upsert.ts";

/** Every table the curated seed writes, in dependency order. */
export const curatedTables: PgTable[] = [
  sources,
  vendors,
  chips,
  facilities,
  capacityPhases,
  deployments,
  models,
  outages,
  outageImpacts,
  regulatoryEvents,
  regulatoryEventSubjects,
  disclosures,
  marketShares,
  dependencies,
  ...Object.values(citationTables),
];

type Changes = Record<string, TableChanges>;

function tally(changes: Changes, table: PgTable, c: TableChanges) {
  const name = getTableName(table);
  const t = changes[name] ?? noChanges();
  changes[name] = {
    inserted: t.inserted + c.inserted,
    updated: t.updated + c.updated,
    deleted: t.deleted + c.deleted,
  };
}

/** Looks up a key that the catalogue has already checked exists. */
function must(map: Map<string, number>, key: string | null): number {
  if (key == null) throw new Error("internal: missing reference");
  const id = map.get(key);
  if (id === undefined) throw new Error(`internal: unresolved reference ${key}`);
  return id;
}
const maybe = (map: Map<string, number>, key: string | null) => (key == null ? null : must(map, key));
const fact = (v: { confidence: string; note: string | null }) => ({ confidence: v.confidence, note: v.note });

/** Points each seeded vendor at its parent (or none) in one statement; returns how many changed. */
async function setParents(
  db: Database,
  list: SeedCatalogue["vendors"],
  ids: Map<string, number>,
  audit?: AuditTrail,
) {
  if (list.length === 0) return noChanges();
  const pairs = sql.join(
    list.map(({ value: v }) => sql`(${must(ids, v.slug)}::int, ${maybe(ids, v.parent)}::int)`),
    sql`, `,
  );
  const rows = await queryRows<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
    db,
    sql`update vendors set parent_id = u.parent_id from (values ${pairs}) as u(id, parent_id)
        where vendors.id = u.id and vendors.parent_id is distinct from u.parent_id
        returning to_jsonb(vendors.*) as after, (select to_jsonb(o.*) from vendors o where o.id = vendors.id) as before`,
  );
  if (audit) {
    for (const r of rows) audit.entries.push(auditEntryOf(audit, vendors, "UPDATE", r.before, r.after));
  }
  return { ...noChanges(), updated: rows.length };
}

/**
 * Every vendor, chip, facility and source key the catalogue declares or refers to: the ids to look
 * up after the upserts (a reference may name a row already in the database, for an import).
 */
function referencedKeys(c: SeedCatalogue) {
  const vendorSet = new Set<string>();
  const chipSet = new Set<string>();
  const facilitySet = new Set<string>();
  const sourceSet = new Set(c.sources.map((x) => x.value.url));
  const add = (set: Set<string>, ...keys: (string | null | undefined)[]) => {
    for (const k of keys) if (k != null) set.add(k);
  };
  for (const { value: v } of c.vendors) add(vendorSet, v.slug, v.parent);
  for (const { value: v } of c.chips) {
    add(chipSet, v.slug);
    add(vendorSet, v.designer, v.foundry);
  }
  for (const { value: v } of c.facilities) {
    add(facilitySet, v.slug);
    add(vendorSet, v.operator);
  }
  for (const { value: v } of c.deployments) {
    add(facilitySet, v.facility);
    add(chipSet, v.chip);
  }
  for (const { value: v } of c.models) add(vendorSet, v.developer);
  for (const { value: v } of c.outages) {
    for (const i of v.impacts) {
      add(vendorSet, i.vendor);
      add(facilitySet, i.facility);
    }
  }
  for (const { value: v } of c.regulatoryEvents) {
    add(vendorSet, ...(v.subjects?.vendors ?? []));
    add(facilitySet, ...(v.subjects?.facilities ?? []));
  }
  for (const { value: v } of c.disclosures) add(vendorSet, v.vendor);
  for (const { value: v } of c.marketShares) add(vendorSet, v.vendor);
  for (const { value: v } of c.dependencies) {
    add(vendorSet, v.dependent, v.providerVendor);
    add(facilitySet, v.providerFacility);
  }
  const facts = [
    c.vendors,
    c.chips,
    c.facilities,
    c.deployments,
    c.models,
    c.outages,
    c.regulatoryEvents,
    c.disclosures,
    c.marketShares,
    c.dependencies,
  ] as Located<{ sources: Citation[] }>[][];
  for (const list of facts) {
    for (const { value } of list) {
      for (const cite of value.sources) add(sourceSet, typeof cite === "string" ? cite : cite.url);
    }
  }
  return { vendors: vendorSet, chips: chipSet, facilities: facilitySet, sources: sourceSet };
}

/**
 * Writes a checked catalogue: upserts every record on its natural key, then makes each record's
 * citations and children (outage impacts, regulatory-event subjects) match the file. Call inside a
 * transaction. Returns what changed per table; with `audit`, collects an entry per written row.
 */
export async function writeCatalogue(db: Database, c: SeedCatalogue, audit?: AuditTrail): Promise<Changes> {
  const changes: Changes = {};
  const refs = referencedKeys(c);
  const citations: Array<
    [keyof typeof citationTables, Located<{ sources: Citation[] }>[], (i: number) => number]
  > = [];

  await upsertRows(
    db,
    sources,
    c.sources.map((x) => x.value),
    [sources.url],
    [],
    audit,
  ).then((ch) => tally(changes, sources, ch));
  const sourceIds = await idsByKey(db, sources, [sources.url], sources.url, [...refs.sources]);

  const vendorRows = c.vendors.map(({ value: v }) => ({
    slug: v.slug,
    name: v.name,
    kind: v.kind,
    hqCountry: v.hqCountry,
    website: v.website,
    ...fact(v),
  }));
  tally(changes, vendors, await upsertRows(db, vendors, vendorRows, [vendors.slug], ["parentId"], audit));
  const vendorIds = await idsByKey(db, vendors, [vendors.slug], vendors.slug, [...refs.vendors]);
  tally(changes, vendors, await setParents(db, c.vendors, vendorIds, audit));
  citations.push(["vendor", c.vendors, (i) => must(vendorIds, c.vendors[i]?.value.slug ?? null)]);

  const chipRows = c.chips.map(({ value: { designer, foundry, sources: _, ...v } }) => ({
    ...v,
    designerId: must(vendorIds, designer),
    foundryId: maybe(vendorIds, foundry),
  }));
  tally(changes, chips, await upsertRows(db, chips, chipRows, [chips.slug], [], audit));
  const chipIds = await idsByKey(db, chips, [chips.slug], chips.slug, [...refs.chips]);
  citations.push(["chip", c.chips, (i) => must(chipIds, c.chips[i]?.value.slug ?? null)]);

  const facilityRows = c.facilities.map(({ value: { operator, sources: _, ...v } }) => ({
    ...v,
    operatorId: must(vendorIds, operator),
  }));
  tally(changes, facilities, await upsertRows(db, facilities, facilityRows, [facilities.slug], [], audit));
  const facilityIds = await idsByKey(db, facilities, [facilities.slug], facilities.slug, [
    ...refs.facilities,
  ]);
  citations.push(["facility", c.facilities, (i) => must(facilityIds, c.facilities[i]?.value.slug ?? null)]);

  const phaseRows = c.capacityPhases.map(({ value: { facility, sources: _, ...v } }) => ({
    ...v,
    facilityId: must(facilityIds, facility),
  }));
  const phaseKey = [capacityPhases.facilityId, capacityPhases.effectiveOn];
  tally(changes, capacityPhases, await upsertRows(db, capacityPhases, phaseRows, phaseKey, [], audit));
  const phaseIds = await idsByKey(
    db,
    capacityPhases,
    phaseKey,
    capacityPhases.facilityId,
    phaseRows.map((p) => p.facilityId),
  );
  citations.push([
    "capacityPhase",
    c.capacityPhases,
    (i) => {
      const p = phaseRows[i];
      return must(phaseIds, p ? keyText(p.facilityId, p.effectiveOn) : null);
    },
  ]);

  const modelRows = c.models.map(({ value: { developer, sources: _, ...v } }) => ({
    ...v,
    developerId: must(vendorIds, developer),
  }));
  tally(changes, models, await upsertRows(db, models, modelRows, [models.slug], [], audit));
  const modelIds = await idsByKey(
    db,
    models,
    [models.slug],
    models.slug,
    modelRows.map((x) => x.slug),
  );
  citations.push(["model", c.models, (i) => must(modelIds, c.models[i]?.value.slug ?? null)]);

  const deploymentRows = c.deployments.map(({ value: v }) => ({
    facilityId: must(facilityIds, v.facility),
    chipId: must(chipIds, v.chip),
    acceleratorCount: v.acceleratorCount,
    asOf: v.asOf,
    ...fact(v),
  }));
  const deploymentKey = [deployments.facilityId, deployments.chipId, deployments.asOf];
  tally(changes, deployments, await upsertRows(db, deployments, deploymentRows, deploymentKey, [], audit));
  const deploymentIds = await idsByKey(
    db,
    deployments,
    deploymentKey,
    deployments.facilityId,
    deploymentRows.map((d) => d.facilityId),
  );
  citations.push([
    "deployment",
    c.deployments,
    (i) => {
      const d = deploymentRows[i];
      return must(deploymentIds, d ? keyText(d.facilityId, d.chipId, d.asOf) : null);
    },
  ]);

  const outageRows = c.outages.map(
    ({ value: { impacts: _i, sources: _s, servicesAffected, startedAt, endedAt, ...v } }) => ({
      ...v,
      startedAt: new Date(startedAt),
      endedAt: endedAt == null ? null : new Date(endedAt),
      servicesAffected: servicesAffected ?? [],
    }),
  );
  tally(changes, outages, await upsertRows(db, outages, outageRows, [outages.slug], [], audit));
  const outageIds = await idsByKey(
    db,
    outages,
    [outages.slug],
    outages.slug,
    outageRows.map((x) => x.slug),
  );
  const impacts = c.outages.flatMap(({ value: o }) =>
    o.impacts.map((imp) => ({
      outageId: must(outageIds, o.slug),
      vendorId: maybe(vendorIds, imp.vendor),
      facilityId: maybe(facilityIds, imp.facility),
      region: imp.region,
    })),
  );
  tally(
    changes,
    outageImpacts,
    await syncChildren(
      db,
      outageImpacts,
      outageImpacts.outageId,
      [...outageIds.values()],
      impacts,
      (r) => keyText(r.outageId, r.vendorId, r.facilityId, r.region),
      audit,
    ),
  );
  citations.push(["outage", c.outages, (i) => must(outageIds, c.outages[i]?.value.slug ?? null)]);

  const eventRows = c.regulatoryEvents.map(({ value: { subjects: _j, sources: _s, ...v } }) => v);
  tally(
    changes,
    regulatoryEvents,
    await upsertRows(db, regulatoryEvents, eventRows, [regulatoryEvents.slug], [], audit),
  );
  const eventIds = await idsByKey(
    db,
    regulatoryEvents,
    [regulatoryEvents.slug],
    regulatoryEvents.slug,
    eventRows.map((x) => x.slug),
  );
  const subjects = c.regulatoryEvents.flatMap(({ value: e }) => [
    ...(e.subjects?.vendors ?? []).map((v) => ({
      eventId: must(eventIds, e.slug),
      vendorId: must(vendorIds, v),
      facilityId: null,
    })),
    ...(e.subjects?.facilities ?? []).map((f) => ({
      eventId: must(eventIds, e.slug),
      vendorId: null,
      facilityId: must(facilityIds, f),
    })),
  ]);
  tally(
    changes,
    regulatoryEventSubjects,
    await syncChildren(
      db,
      regulatoryEventSubjects,
      regulatoryEventSubjects.eventId,
      [...eventIds.values()],
      subjects,
      (r) => keyText(r.eventId, r.vendorId, r.facilityId),
      audit,
    ),
  );
  citations.push([
    "regulatoryEvent",
    c.regulatoryEvents,
    (i) => must(eventIds, c.regulatoryEvents[i]?.value.slug ?? null),
  ]);

  const disclosureRows = c.disclosures.map(({ value: { vendor, sources: _, ...v } }) => ({
    ...v,
    vendorId: must(vendorIds, vendor),
  }));
  const disclosureKey = [
    disclosures.vendorId,
    disclosures.metric,
    disclosures.kind,
    disclosures.periodStart,
    disclosures.periodEnd,
  ];
  tally(changes, disclosures, await upsertRows(db, disclosures, disclosureRows, disclosureKey, [], audit));
  const disclosureIds = await idsByKey(
    db,
    disclosures,
    disclosureKey,
    disclosures.vendorId,
    disclosureRows.map((d) => d.vendorId),
  );
  citations.push([
    "disclosure",
    c.disclosures,
    (i) => {
      const d = disclosureRows[i];
      return must(
        disclosureIds,
        d ? keyText(d.vendorId, d.metric, d.kind, d.periodStart, d.periodEnd) : null,
      );
    },
  ]);

  const shareRows = c.marketShares.map(({ value: { vendor, sources: _, ...v } }) => ({
    ...v,
    vendorId: must(vendorIds, vendor),
  }));
  const shareKey = [
    marketShares.segment,
    marketShares.vendorId,
    marketShares.periodStart,
    marketShares.periodEnd,
    marketShares.basis,
  ];
  tally(changes, marketShares, await upsertRows(db, marketShares, shareRows, shareKey, [], audit));
  const shareIds = await idsByKey(
    db,
    marketShares,
    shareKey,
    marketShares.vendorId,
    shareRows.map((s) => s.vendorId),
  );
  citations.push([
    "marketShare",
    c.marketShares,
    (i) => {
      const s = shareRows[i];
      return must(shareIds, s ? keyText(s.segment, s.vendorId, s.periodStart, s.periodEnd, s.basis) : null);
    },
  ]);

  const dependencyRows = c.dependencies.map(
    ({ value: { dependent, providerVendor, providerFacility, sources: _, ...v } }) => ({
      ...v,
      dependentId: must(vendorIds, dependent),
      providerVendorId: maybe(vendorIds, providerVendor),
      providerFacilityId: maybe(facilityIds, providerFacility),
    }),
  );
  const dependencyKey = [
    dependencies.dependentId,
    dependencies.providerVendorId,
    dependencies.providerFacilityId,
    dependencies.kind,
    dependencies.since,
  ];
  tally(changes, dependencies, await upsertRows(db, dependencies, dependencyRows, dependencyKey, [], audit));
  const dependencyIds = await idsByKey(
    db,
    dependencies,
    dependencyKey,
    dependencies.dependentId,
    dependencyRows.map((d) => d.dependentId),
  );
  citations.push([
    "dependency",
    c.dependencies,
    (i) => {
      const d = dependencyRows[i];
      return must(
        dependencyIds,
        d ? keyText(d.dependentId, d.providerVendorId, d.providerFacilityId, d.kind, d.since) : null,
      );
    },
  ]);

  for (const [entity, records, idOf] of citations) {
    const table = citationTables[entity];
    const rows: CitationRow[] = records.flatMap((rec, i) =>
      rec.value.sources.map((cite) => {
        const url = typeof cite === "string" ? cite : cite.url;
        return {
          subjectId: idOf(i),
          sourceId: must(sourceIds, url),
          locator: typeof cite === "string" ? null : cite.locator,
        };
      }),
    );
    const subjectIds = records.map((_, i) => idOf(i));
    tally(changes, table, await syncCitations(db, table, subjectIds, rows, audit));
  }
  return changes;
}
