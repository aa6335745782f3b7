import { day, HORIZON, isoTimestamp } from "./calendar.ts";
import { type FacilityIndex, indexFacilities } from "./facilities.ts";
import { SUBDIVISIONS } from "./geography.ts";
import { cumulative, Random } from "./random.ts";
import { operatorPool } from "./vendors.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

const CAUSES = [
  "POWER",
  "COOLING",
  "NETWORK",
  "SOFTWARE_CONFIG",
  "HARDWARE",
  "CYBERATTACK",
  "HUMAN_ERROR",
  "THIRD_PARTY",
  "WEATHER",
  "UNKNOWN",
];
/** Power leads, then network and software/configuration, as in Uptime Institute's outage analyses. */
const CAUSE_WEIGHTS = cumulative([22, 8, 16, 15, 8, 4, 9, 10, 4, 4]);
/** Uptime severity 1 (negligible) .. 5 (severe): most outages are minor. */
const SEVERITY_WEIGHTS = cumulative([35, 30, 20, 10, 5]);
const SERVICES = [
  "compute",
  "storage",
  "networking",
  "dns",
  "database",
  "ai-inference",
  "object-storage",
  "identity",
  "kubernetes",
  "load-balancing",
];

/** Outages from 2015 to HORIZON lasting minutes to days; about 1% still open. */
export function outageRows(world: World): TableRows {
  return {
    table: "outages",
    columns: [
      "id",
      "slug",
      "title",
      "started_at",
      "ended_at",
      "severity",
      "cause",
      "services_affected",
      "summary",
      ...FACT_COLUMNS,
    ],
    *rows() {
      const rng = new Random(world.seed, "outages");
      const fact = factValues(world);
      const first = day("2015-01-01");
      for (let i = 0; i < world.counts.outages; i++) {
        const startDay = rng.int(first, HORIZON);
        const startMinute = rng.int(0, 1439);
        const cause = CAUSES[rng.weighted(CAUSE_WEIGHTS)] as string;
        const severity = rng.weighted(SEVERITY_WEIGHTS) + 1;
        const minutes = Math.round(rng.logUniform(5, 4320, 0) * (0.5 + severity / 4));
        yield [
          idOf(world, "outages", i),
          `syn-outage-${i + 1}`,
          `Synthetic ${cause.toLowerCase().replace(/_/g, " ")} outage ${i + 1}`,
          isoTimestamp(startDay, startMinute),
          rng.chance(0.01) ? null : isoTimestamp(startDay, startMinute + minutes),
          severity,
          cause,
          rng.sample(SERVICES, rng.int(0, 3)),
          null,
          ...fact,
        ];
      }
    },
  };
}

/**
 * About five impacts per outage (1-9): each outage hits one operator, and each impact names that
 * operator's facility, the operator with one of its cloud regions, a facility elsewhere (a
 * third party), or a region alone. Every impact names at least one subject.
 */
export function outageImpactRows(world: World): TableRows {
  return {
    table: "outage_impacts",
    columns: ["id", "outage_id", "vendor_id", "facility_id", "region"],
    *rows() {
      const rng = new Random(world.seed, "outage-impacts");
      const operators = operatorPool(world.vendors);
      const index: FacilityIndex = indexFacilities(world.facilities);
      let n = 0;
      for (let o = 0; o < world.counts.outages; o++) {
        const outageId = idOf(world, "outages", o);
        const operator = operators.members[rng.weighted(operators.weights)] as number;
        const vendorId = idOf(world, "vendors", operator);
        const own = index.byOperator.get(operator) ?? [];
        const impacts = rng.int(1, 9);
        for (let k = 0; k < impacts; k++) {
          const r = rng.next();
          const facility =
            r < 0.5 && own.length > 0
              ? rng.pick(own)
              : r >= 0.75 && r < 0.9
                ? rng.int(0, world.facilities.length - 1)
                : -1;
          const withVendor = r < 0.75;
          const region = facility < 0 ? regionName(rng) : null;
          yield [
            idOf(world, "outage_impacts", n++),
            outageId,
            withVendor ? vendorId : null,
            facility < 0 ? null : idOf(world, "facilities", facility),
            region,
          ];
        }
      }
    },
  };
}

/** A cloud-region style name, e.g. `us-va-2`. */
function regionName(rng: Random): string {
  return `${(rng.pick(SUBDIVISIONS).code).toLowerCase()}-${rng.int(1, 3)}`;
}
