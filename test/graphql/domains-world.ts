import {
  dependencies,
  dependencyCitations,
  disclosureCitations,
  disclosures,
  marketShareCitations,
  marketShares,
  modelCitations,
  models,
  outageCitations,
  outageImpacts,
  outages,
  regulatoryEventCitations,
  regulatoryEventSubjects,
  regulatoryEvents,
} from "../../schema/db/index.ts";
import type { Database } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { pageSelection, pageVariables, walkConnection } from "../support/graphql.ts";
import { buildWorld } from "./fixtures.ts";

/**
 * buildWorld (vendors, facilities, sources, 4 regulatory events) plus the remaining domains:
 * outages with impacts, more regulatory events naming vendors and facilities, disclosures, market
 * shares, dependencies and models, some of each citing sources. Sort keys repeat (id tie-breaker) and
 * are sometimes NULL (NULLS LAST); an outage names the same vendor twice (counted once).
 */

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const pad = (n: number) => String(n).padStart(3, "0");
const at = <T>(list: readonly T[], i: number): T => {
  const row = list[i];
  if (row === undefined) throw new Error(`fixture: no row ${i}`);
  return row;
};

export type DomainWorld = Awaited<ReturnType<typeof buildDomainWorld>>;

export async function buildDomainWorld(db: Database) {
  const base = await buildWorld(db, { vendors: 16, facilitiesPerVendor: 2 });
  const v = (i: number) => at(base.vendors, i).id;
  const f = (i: number) => at(base.facilities, i).id;
  const causes = ["POWER", "COOLING", "NETWORK", "SOFTWARE_CONFIG", "THIRD_PARTY"] as const;

  const outageRows = await db
    .insert(outages)
    .values(
      Array.from({ length: 24 }, (_, i) => {
        const startedAt = new Date(Date.UTC(2020 + ((i % 8) % 4), i % 8, 1, i % 2));
        return {
          slug: `outage-${pad(i)}`,
          title: i % 7 === 0 ? `blackout${pad(i)}` : `outage${pad(i % 10)}`,
          startedAt,
          endedAt: i % 4 === 0 ? null : new Date(startedAt.getTime() + ((i % 5) + 1) * 3_600_000),
          severity: (i % 5) + 1,
          cause: pick(causes, i),
          servicesAffected: i % 3 === 0 ? [] : [`service${i % 4}`],
          confidence: "REPORTED" as const,
        };
      }),
    )
    .returning();
  const impactValues = outageRows.flatMap((o, i) => [
    { outageId: o.id, vendorId: v(i % 10), facilityId: i % 3 === 0 ? f(0) : i % 3 === 1 ? f(1) : null },
    ...(i % 2 === 0 ? [{ outageId: o.id, region: `region-${i % 4}` }] : []),
    // Vendor 1 is hit often (its outages span several pages).
    ...(i % 2 === 0 && i % 10 !== 1 ? [{ outageId: o.id, vendorId: v(1), region: `region-${i % 4}` }] : []),
    // The same vendor named again (with a region): the outage still lists once under the vendor.
    ...(i % 5 === 0 ? [{ outageId: o.id, vendorId: v(i % 10), region: "extra" }] : []),
    ...(i % 5 === 0 ? [{ outageId: o.id, vendorId: v((i + 1) % 10) }] : []),
  ]);
  const impactRows = await db.insert(outageImpacts).values(impactValues).returning();

  const jurisdictions = ["EU", "US", "US-VA", "DE", "JP", "SG"] as const;
  const instruments = ["LAW", "REGULATION", "GUIDANCE", "MORATORIUM", "STANDARD"] as const;
  const stages = ["PROPOSED", "PASSED", "ENACTED", "IN_FORCE", "WITHDRAWN"] as const;
  const topics = ["POWER", "CARBON", "WATER", "LIABILITY", "SAFETY", "EXPORT_CONTROL", "PRIVACY"] as const;
  const ruleRows = await db
    .insert(regulatoryEvents)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        slug: `rule-${pad(i)}`,
        title: i % 6 === 0 ? `liability${pad(i)}` : `rule${pad(i % 6)}`,
        jurisdiction: pick(jurisdictions, i),
        instrument: pick(instruments, i),
        stage: pick(stages, i),
        topics: [...new Set([pick(topics, i), pick(topics, i + 3)])],
        announcedOn: i % 4 === 0 ? null : `202${i % 5}-0${(i % 9) + 1}-01`,
        effectiveOn: i % 3 === 0 ? null : `202${(i % 5) + 1}-01-01`,
        confidence: "CONFIRMED" as const,
      })),
    )
    .returning();
  const subjectValues = ruleRows.flatMap((r, i) => [
    { eventId: r.id, vendorId: v(i % 8) },
    // Vendor 1 and facility 0 are named often (their events span several pages).
    ...(i % 8 !== 1 && i % 3 !== 1 ? [{ eventId: r.id, vendorId: v(1) }] : []),
    ...(i % 2 === 0
      ? [{ eventId: r.id, facilityId: f(0) }]
      : i % 3 === 0
        ? [{ eventId: r.id, facilityId: f(1) }]
        : []),
  ]);
  const subjectRows = await db.insert(regulatoryEventSubjects).values(subjectValues).returning();

  const metrics = ["CAPEX_USD", "ENERGY_MWH", "WATER_M3", "OVERSIGHT_HEADCOUNT", "EMISSIONS_TCO2E"] as const;
  const kinds = ["REPORTED", "CLAIMED", "ESTIMATED", "MEASURED"] as const;
  const disclosureRows = await db
    .insert(disclosures)
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        vendorId: v(i % 6),
        periodStart: `202${i % 4}-${i % 2 === 0 ? "01" : "07"}-01`,
        periodEnd: `202${i % 4}-12-31`,
        metric: pick(metrics, i),
        kind: pick(kinds, i),
        value: (i % 7) * 1000.5,
        unit: "unit",
        confidence: "CONFIRMED" as const,
      })),
    )
    .returning();

  const segments = ["ai-accelerators", "cloud-infrastructure", "foundry"] as const;
  const shareRows = await db
    .insert(marketShares)
    .values(
      Array.from({ length: 24 }, (_, i) => {
        const year = 2022 + (Math.floor(i / 3) % 3);
        const value = i % 5 === 0 ? 100 + i : i % 2 === 1 ? null : 50 * (i % 3);
        return {
          segment: pick(segments, i),
          vendorId: v(i % 5),
          periodStart: `${year}-01-01`,
          periodEnd: `${year}-12-31`,
          share: i % 5 === 0 ? null : ((i % 7) + 1) / 20,
          value,
          unit: value == null ? null : "USD",
          basis: pick(["revenue", "shipments"], i),
          confidence: "ESTIMATED" as const,
        };
      }),
    )
    .returning();

  const dependencyKinds = [
    "CLOUD_TENANT",
    "CHIP_SUPPLY",
    "FOUNDRY",
    "POWER_SUPPLY",
    "COLOCATION",
    "MODEL_API",
  ] as const;
  const dependencyRows = await db
    .insert(dependencies)
    .values(
      Array.from({ length: 24 }, (_, i) => ({
        dependentId: v(i % 5),
        providerVendorId: i % 3 === 0 ? null : i % 2 === 0 ? v(9) : v((i % 5) + 1),
        providerFacilityId: i % 3 === 0 ? f(i % 2) : null,
        kind: pick(dependencyKinds, i),
        weight: i % 4 === 0 ? null : ((i % 5) + 1) / 10,
        since: i % 3 === 1 ? null : `202${i % 4}-01-01`,
        until: i % 5 === 0 ? "2024-06-30" : null,
        confidence: "REPORTED" as const,
      })),
    )
    .returning();

  const hardware = ["DATACENTER", "WORKSTATION", "CONSUMER_GPU", "LAPTOP", "PHONE"] as const;
  const modelRows = await db
    .insert(models)
    .values(
      Array.from({ length: 24 }, (_, i) => ({
        slug: `model-${pad(i)}`,
        name: i % 6 === 0 ? `tiny${pad(i)}` : `model${pad(i % 9)}`,
        developerId: v(i % 5),
        releaseDate: i % 5 === 0 ? null : `202${i % 4}-0${(i % 9) + 1}-15`,
        openWeights: i % 2 === 0,
        licence: i % 2 === 0 ? "Apache-2.0" : null,
        parametersB: i % 7 === 0 ? null : ((i % 6) + 1) * 7,
        minMemoryGb: i % 4 === 0 ? null : ((i % 8) + 1) * 4,
        smallestHardware: i % 6 === 5 ? null : pick(hardware, i),
        confidence: "REPORTED" as const,
      })),
    )
    .returning();

  const [s0, s1] = [at(base.sources, 0).id, at(base.sources, 1).id];
  await db.insert(outageCitations).values([
    { subjectId: at(outageRows, 0).id, sourceId: s0, locator: "status page" },
    { subjectId: at(outageRows, 0).id, sourceId: s1 },
  ]);
  await db.insert(regulatoryEventCitations).values([{ subjectId: at(ruleRows, 0).id, sourceId: s0 }]);
  await db.insert(disclosureCitations).values([{ subjectId: at(disclosureRows, 0).id, sourceId: s1 }]);
  await db.insert(marketShareCitations).values([{ subjectId: at(shareRows, 0).id, sourceId: s0 }]);
  await db.insert(dependencyCitations).values([{ subjectId: at(dependencyRows, 0).id, sourceId: s1 }]);
  await db.insert(modelCitations).values([{ subjectId: at(modelRows, 0).id, sourceId: s0, locator: "card" }]);

  return {
    ...base,
    outages: outageRows,
    outageImpacts: impactRows,
    regulatoryEvents: [...base.regulatoryEvents, ...ruleRows],
    regulatoryEventSubjects: subjectRows,
    disclosures: disclosureRows,
    marketShares: shareRows,
    dependencies: dependencyRows,
    models: modelRows,
  };
}

/** The global ids a filtered root list returns over all pages (checked against totalCount), sorted. */
export async function listedIds(
  db: Database,
  field: string,
  filterType: string,
  filter: unknown,
): Promise<string[]> {
  const q = `query(${pageVariables}, $filter: ${filterType}) { list: ${field}(filter: $filter, first: $first, after: $after, last: $last, before: $before) { ${pageSelection("id")} } }`;
  const walk = await walkConnection<{ key: string }>(db, q, {
    at: (d) => d.list,
    variables: { filter },
    pageSize: 50,
  });
  if (walk.totalCount !== walk.nodes.length) {
    throw new Error(`totalCount ${walk.totalCount} but ${walk.nodes.length} nodes`);
  }
  return walk.nodes.map((n) => n.key).sort();
}

/** The global ids of rows, sorted (to compare with listedIds). */
export const idsOf = (type: string, rows: readonly { id: number }[]) =>
  rows.map((r) => toGlobalId(type, r.id)).sort();
