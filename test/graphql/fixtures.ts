import { inArray } from "drizzle-orm";
import {
  chipCitations,
  chips,
  deployments,
  facilities,
  facilityCitations,
  regulatoryEvents,
  sources,
  vendorCitations,
  vendors,
} from "../../schema/db/index.ts";
import type { Database } from "../../src/db/client.ts";

/**
 * A deterministic world the GraphQL tests insert themselves: vendors with parents, chips, facilities
 * with deployments, sources with citations, regulatory events. Sort keys repeat (to exercise the id
 * tie-breaker) and are sometimes NULL (to exercise NULLS LAST). Names use only lower-case letters and
 * digits so every collation orders them alike.
 */

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;
const pad = (n: number) => String(n).padStart(3, "0");

export type World = Awaited<ReturnType<typeof buildWorld>>;

export async function buildWorld(
  db: Database,
  size: { vendors?: number; facilitiesPerVendor?: number } = {},
) {
  const nVendors = size.vendors ?? 30;
  const perVendor = size.facilitiesPerVendor ?? 3;
  const kinds = ["HYPERSCALER", "NEOCLOUD", "COLOCATION", "CHIP_DESIGNER", "FOUNDRY"] as const;
  const countries = ["US", "DE", "FR", null, "JP"] as const;

  const vendorRows = await db
    .insert(vendors)
    .values(
      Array.from({ length: nVendors }, (_, i) => ({
        slug: `vendor-${pad(i)}`,
        // Every name occurs twice: ties are broken by id.
        name: `vendor${pad(Math.floor(i / 2))}`,
        kind: pick(kinds, i),
        hqCountry: pick(countries, i),
        confidence: "CONFIRMED" as const,
      })),
    )
    .returning();
  // The first vendor is the parent of every fifth other vendor.
  const parent = vendorRows[0] as (typeof vendorRows)[number];
  const childIds = vendorRows.filter((_, i) => i > 0 && i % 5 === 0).map((v) => v.id);
  await db.update(vendors).set({ parentId: parent.id }).where(inArray(vendors.id, childIds));

  const designers = vendorRows.filter((v) => v.kind === "CHIP_DESIGNER");
  const foundries = vendorRows.filter((v) => v.kind === "FOUNDRY");
  const chipRows = await db
    .insert(chips)
    .values(
      Array.from({ length: 24 }, (_, i) => ({
        slug: `chip-${pad(i)}`,
        name: i % 7 === 0 ? `accel${pad(i)}` : `chip${pad(i % 9)}`,
        designerId: pick(designers, i).id,
        foundryId: i % 4 === 3 ? null : pick(foundries, i).id,
        releaseDate: i % 5 === 0 ? null : `202${i % 4}-0${(i % 9) + 1}-15`,
        tdpW: i % 6 === 0 ? null : 300 + (i % 5) * 100,
        bf16DenseTflops: i % 3 === 0 ? null : 100.5 * (i % 4),
        confidence: "REPORTED" as const,
      })),
    )
    .returning();

  const statuses = [
    "OPERATIONAL",
    "UNDER_CONSTRUCTION",
    "ANNOUNCED",
    "OPERATIONAL",
    "DECOMMISSIONED",
  ] as const;
  const coolings = ["AIR", "DIRECT_TO_CHIP", "IMMERSION", null] as const;
  const places = [
    { country: "US", subdivision: "US-VA" },
    { country: "US", subdivision: "US-TX" },
    { country: "DE", subdivision: "DE-HE" },
    { country: "FR", subdivision: null },
    { country: "JP", subdivision: "JP-13" },
  ] as const;
  const facilityValues = vendorRows.flatMap((v, vi) =>
    Array.from({ length: perVendor }, (_, j) => {
      const i = vi * perVendor + j;
      const place = pick(places, i);
      return {
        slug: `facility-${pad(vi)}-${pad(j)}`,
        name: `site${pad(i % 11)}`,
        operatorId: v.id,
        country: place.country,
        subdivision: place.subdivision,
        status: pick(statuses, i),
        itPowerMw: i % 4 === 0 ? null : (i % 13) * 10,
        rackDensityKwTypical: i % 3 === 0 ? null : (i % 8) * 20,
        cooling: pick(coolings, i),
        operationalOn: i % 2 === 0 ? null : `2024-0${(i % 9) + 1}-01`,
        confidence: "ESTIMATED" as const,
      };
    }),
  );
  const facilityRows = await db.insert(facilities).values(facilityValues).returning();

  const deploymentRows = await db
    .insert(deployments)
    .values(
      facilityRows.flatMap((f, i) =>
        Array.from({ length: (i % 3) + 1 }, (_, k) => ({
          facilityId: f.id,
          chipId: pick(chipRows, i + k).id,
          acceleratorCount: ((i * 7 + k) % 5) * 1000,
          asOf: `2025-0${k + 1}-01`,
          confidence: "ESTIMATED" as const,
        })),
      ),
    )
    .returning();

  const sourceRows = await db
    .insert(sources)
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        url: `https://example.org/report/${pad(i)}`,
        title: `report${pad(i % 6)}`,
        publisher: pick(["acme", "globex", "initech"], i),
        publishedOn: i % 4 === 0 ? null : `2025-0${(i % 9) + 1}-10`,
      })),
    )
    .returning();
  const [s0, s1, s2] = sourceRows as [
    (typeof sourceRows)[number],
    (typeof sourceRows)[number],
    (typeof sourceRows)[number],
  ];
  await db.insert(vendorCitations).values([
    { subjectId: parent.id, sourceId: s0.id, locator: "p. 3" },
    { subjectId: parent.id, sourceId: s1.id, locator: null },
    { subjectId: (vendorRows[1] as { id: number }).id, sourceId: s0.id, locator: "table 2" },
  ]);
  await db.insert(chipCitations).values([{ subjectId: (chipRows[0] as { id: number }).id, sourceId: s0.id }]);
  await db
    .insert(facilityCitations)
    .values([{ subjectId: (facilityRows[0] as { id: number }).id, sourceId: s2.id }]);

  const eventRows = await db
    .insert(regulatoryEvents)
    .values([
      {
        slug: "eu-energy",
        title: "EU energy rule",
        jurisdiction: "EU",
        instrument: "LAW",
        stage: "IN_FORCE",
        topics: ["POWER", "CARBON"],
        confidence: "CONFIRMED",
      },
      {
        slug: "va-water",
        title: "Virginia water rule",
        jurisdiction: "US-VA",
        instrument: "LAW",
        stage: "PROPOSED",
        topics: ["WATER"],
        confidence: "CONFIRMED",
      },
      {
        slug: "jp-grid",
        title: "Japan grid rule",
        jurisdiction: "JP",
        instrument: "REGULATION",
        stage: "ENACTED",
        topics: ["GRID_CONNECTION"],
        confidence: "CONFIRMED",
      },
      {
        slug: "us-privacy",
        title: "US privacy rule",
        jurisdiction: "US",
        instrument: "LAW",
        stage: "IN_FORCE",
        topics: ["PRIVACY"],
        confidence: "CONFIRMED",
      },
    ])
    .returning();

  return {
    vendors: vendorRows.map((v) => (childIds.includes(v.id) ? { ...v, parentId: parent.id } : v)),
    chips: chipRows,
    facilities: facilityRows,
    deployments: deploymentRows,
    sources: sourceRows,
    regulatoryEvents: eventRows,
  };
}
