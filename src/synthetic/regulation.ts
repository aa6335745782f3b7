import { day, HORIZON, isoDate, years } from "./calendar.ts";
import { indexFacilities } from "./facilities.ts";
import { COUNTRIES, EU_MEMBERS, SUBDIVISIONS } from "./geography.ts";
import { cumulative, Random } from "./random.ts";
import { operatorPool } from "./vendors.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

const INSTRUMENTS = [
  "LAW",
  "REGULATION",
  "EXECUTIVE_ORDER",
  "GUIDANCE",
  "MORATORIUM",
  "STANDARD",
  "COURT_RULING",
];
const INSTRUMENT_WEIGHTS = cumulative([25, 25, 8, 20, 4, 12, 6]);
const STAGES = ["PROPOSED", "PASSED", "ENACTED", "IN_FORCE", "REPEALED", "WITHDRAWN"];
const STAGE_WEIGHTS = cumulative([30, 10, 15, 35, 4, 6]);
const TOPICS = [
  "POWER",
  "CARBON",
  "WATER",
  "GRID_CONNECTION",
  "DATA_SOVEREIGNTY",
  "LIABILITY",
  "SAFETY",
  "EXPORT_CONTROL",
  "ANTITRUST",
  "PRIVACY",
];
/** Data-center rules are mostly about power, carbon, water and grid connection. */
const TOPIC_WEIGHTS = cumulative([20, 15, 12, 12, 10, 6, 6, 7, 4, 8]);

/** A jurisdiction: the EU, a country (index into COUNTRIES) or a subdivision (index into SUBDIVISIONS). */
type Jurisdiction =
  | { kind: "EU" }
  | { kind: "country"; index: number }
  | { kind: "subdivision"; index: number };

/** Jurisdiction of event i, drawn from its own stream so events and their subjects agree on it. */
function jurisdictions(world: World): Jurisdiction[] {
  const rng = new Random(world.seed, "regulation-jurisdictions");
  const countries = cumulative(COUNTRIES.map((c) => c.weight));
  const subdivisions = cumulative(SUBDIVISIONS.map((s) => COUNTRIES[s.country]?.weight ?? 0));
  return Array.from({ length: world.counts.regulatoryEvents }, (): Jurisdiction => {
    const r = rng.next();
    if (r < 0.15) return { kind: "EU" };
    if (r < 0.55) return { kind: "country", index: rng.weighted(countries) };
    return { kind: "subdivision", index: rng.weighted(subdivisions) };
  });
}

function code(j: Jurisdiction): string {
  if (j.kind === "EU") return "EU";
  if (j.kind === "country") return COUNTRIES[j.index]?.code as string;
  return SUBDIVISIONS[j.index]?.code as string;
}

export function regulatoryEventRows(world: World): TableRows {
  return {
    table: "regulatory_events",
    columns: [
      "id",
      "slug",
      "title",
      "jurisdiction",
      "authority",
      "instrument",
      "stage",
      "topics",
      "announced_on",
      "effective_on",
      "summary",
      ...FACT_COLUMNS,
    ],
    *rows() {
      const rng = new Random(world.seed, "regulation");
      const fact = factValues(world);
      for (const [i, j] of jurisdictions(world).entries()) {
        const instrument = INSTRUMENTS[rng.weighted(INSTRUMENT_WEIGHTS)] as string;
        const stage = STAGES[rng.weighted(STAGE_WEIGHTS)] as string;
        const topics = new Set<string>();
        const wanted = rng.int(1, 3);
        for (let t = 0; t < 6 && topics.size < wanted; t++)
          topics.add(TOPICS[rng.weighted(TOPIC_WEIGHTS)] as string);
        const announced = rng.int(day("2015-01-01"), HORIZON);
        // In-force rules took effect by HORIZON; others may name a future effective date or none.
        const effective =
          stage === "IN_FORCE" || stage === "REPEALED"
            ? Math.min(HORIZON, announced + rng.int(0, years(2)))
            : stage === "WITHDRAWN" || rng.chance(0.4)
              ? null
              : announced + rng.int(30, years(3));
        const where = code(j);
        yield [
          idOf(world, "regulatory_events", i),
          `syn-regulation-${i + 1}`,
          `Synthetic ${[...topics].join("/").toLowerCase()} ${instrument.toLowerCase().replace(/_/g, " ")} (${where}) ${i + 1}`,
          where,
          j.kind === "EU"
            ? "European Commission"
            : `${where} ${rng.pick(["legislature", "energy regulator", "environment agency", "ministry"])}`,
          instrument,
          stage,
          [...topics],
          isoDate(announced),
          effective === null ? null : isoDate(effective),
          null,
          ...fact,
        ];
      }
    },
  };
}

/** About 40% of events name one to three subjects: facilities inside the jurisdiction, or operators. */
export function regulatorySubjectRows(world: World): TableRows {
  return {
    table: "regulatory_event_subjects",
    columns: ["id", "event_id", "vendor_id", "facility_id"],
    *rows() {
      const rng = new Random(world.seed, "regulation-subjects");
      const operators = operatorPool(world.vendors);
      const index = indexFacilities(world.facilities);
      const euFacilities = COUNTRIES.flatMap((c, i) =>
        EU_MEMBERS.has(c.code) ? (index.byCountry[i] ?? []) : [],
      );
      let n = 0;
      for (const [e, j] of jurisdictions(world).entries()) {
        if (!rng.chance(0.4)) continue;
        const local =
          j.kind === "EU"
            ? euFacilities
            : j.kind === "country"
              ? index.byCountry[j.index]
              : index.bySubdivision[j.index];
        const seen = new Set<string>();
        const wanted = rng.int(1, 3);
        for (let k = 0; k < wanted; k++) {
          const facility = local && local.length > 0 && rng.chance(0.6) ? rng.pick(local) : -1;
          const vendor = facility < 0 ? (operators.members[rng.weighted(operators.weights)] as number) : -1;
          const key = `${vendor}:${facility}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield [
            idOf(world, "regulatory_event_subjects", n++),
            idOf(world, "regulatory_events", e),
            vendor < 0 ? null : idOf(world, "vendors", vendor),
            facility < 0 ? null : idOf(world, "facilities", facility),
          ];
        }
      }
    },
  };
}
