import { day, HORIZON, isoDate, years } from "./calendar.ts";
import { COUNTRIES, SUBDIVISIONS } from "./geography.ts";
import { cumulative, Random, round } from "./random.ts";
import { operatorPool, type VendorPlan } from "./vendors.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

type Status = "ANNOUNCED" | "UNDER_CONSTRUCTION" | "OPERATIONAL" | "DECOMMISSIONED" | "CANCELLED";
type Cooling = "AIR" | "DIRECT_TO_CHIP" | "IMMERSION" | "HYBRID";

/**
 * A facility's generated facts. Invariants (the table's checks): announced <= operational <=
 * decommissioned; only OPERATIONAL/DECOMMISSIONED have an operational date; rack max >= typical;
 * PUE >= 1; every date <= HORIZON.
 */
export interface FacilityPlan {
  operator: number;
  subdivision: number;
  status: Status;
  announcedDay: number;
  operationalDay: number | null;
  decommissionedDay: number | null;
  itMw: number | null;
  plannedMw: number | null;
  rackTypical: number;
  rackMax: number;
  cooling: Cooling;
  pue: number;
  wue: number;
}

const STATUSES: Status[] = ["OPERATIONAL", "UNDER_CONSTRUCTION", "ANNOUNCED", "DECOMMISSIONED", "CANCELLED"];
const STATUS_WEIGHTS = cumulative([62, 14, 12, 6, 6]);

export function planFacilities(seed: number, vendors: VendorPlan, count: number): FacilityPlan[] {
  const rng = new Random(seed, "facilities");
  const operators = operatorPool(vendors);
  const places = cumulative(
    SUBDIVISIONS.map(
      (s) => (COUNTRIES[s.country]?.weight ?? 0) / (COUNTRIES[s.country]?.subdivisions.length ?? 1),
    ),
  );
  return Array.from({ length: count }, () => {
    const status = STATUSES[rng.weighted(STATUS_WEIGHTS)] as Status;
    const dates = lifeCycle(rng, status);
    const built = dates.operationalDay !== null;
    const itMw = built ? rng.logUniform(1, 600, 1) : null;
    const rackTypical = rackDensity(rng, dates.operationalDay ?? dates.announcedDay);
    const cooling = coolingFor(rng, rackTypical);
    const liquid = cooling !== "AIR";
    return {
      operator: operators.members[rng.weighted(operators.weights)] as number,
      subdivision: rng.weighted(places),
      status,
      ...dates,
      itMw,
      plannedMw:
        itMw === null
          ? rng.logUniform(20, 2000, 0)
          : round(itMw * (rng.chance(0.3) ? 1 + 2 * rng.next() : 1), 1),
      rackTypical,
      rackMax: round(Math.min(300, rackTypical * (1 + 1.5 * rng.next())), 1),
      cooling,
      pue: liquid ? rng.real(1.05, 1.35) : rng.real(1.25, 1.9),
      wue: liquid ? rng.real(0, 0.6) : rng.real(0.2, 2.2),
    };
  });
}

function lifeCycle(rng: Random, status: Status) {
  const none = { operationalDay: null, decommissionedDay: null };
  switch (status) {
    case "OPERATIONAL": {
      // More recent than old: capacity has grown fast.
      const operationalDay = HORIZON - Math.floor(years(18) * rng.next() ** 2);
      return { announcedDay: operationalDay - rng.int(300, 1500), operationalDay, decommissionedDay: null };
    }
    case "DECOMMISSIONED": {
      const operationalDay = rng.int(day("2000-01-01"), day("2018-12-31"));
      return {
        announcedDay: operationalDay - rng.int(300, 1200),
        operationalDay,
        decommissionedDay: Math.min(HORIZON, operationalDay + rng.int(years(4), years(15))),
      };
    }
    case "UNDER_CONSTRUCTION":
      return { announcedDay: rng.int(day("2022-01-01"), HORIZON - 90), ...none };
    case "ANNOUNCED":
      return { announcedDay: rng.int(day("2023-06-01"), HORIZON), ...none };
    case "CANCELLED":
      return { announcedDay: rng.int(day("2015-01-01"), day("2025-12-31")), ...none };
  }
}

/** Typical kW per rack by era: enterprise halls before 2020, AI halls (40-250 kW) later. */
function rackDensity(rng: Random, since: number): number {
  if (since < day("2020-01-01")) return rng.real(4, 20, 1);
  if (since < day("2023-01-01") || rng.chance(0.45)) return rng.real(8, 50, 1);
  return rng.real(40, 160, 1);
}

function coolingFor(rng: Random, rackKw: number): Cooling {
  const r = rng.next();
  if (rackKw > 80) return r < 0.6 ? "DIRECT_TO_CHIP" : r < 0.75 ? "IMMERSION" : "HYBRID";
  if (rackKw > 40) return r < 0.5 ? "HYBRID" : r < 0.8 ? "DIRECT_TO_CHIP" : "AIR";
  return r < 0.85 ? "AIR" : "HYBRID";
}

/** Facility indexes grouped by operator, country and subdivision (for coherent impacts and subjects). */
export interface FacilityIndex {
  byOperator: Map<number, number[]>;
  byCountry: number[][];
  bySubdivision: number[][];
}

export function indexFacilities(facilities: readonly FacilityPlan[]): FacilityIndex {
  const index: FacilityIndex = {
    byOperator: new Map(),
    byCountry: COUNTRIES.map(() => []),
    bySubdivision: SUBDIVISIONS.map(() => []),
  };
  facilities.forEach((f, i) => {
    const list = index.byOperator.get(f.operator) ?? [];
    list.push(i);
    index.byOperator.set(f.operator, list);
    index.byCountry[SUBDIVISIONS[f.subdivision]?.country ?? 0]?.push(i);
    index.bySubdivision[f.subdivision]?.push(i);
  });
  return index;
}

export function facilityRows(world: World): TableRows {
  const rng = new Random(world.seed, "facility-places");
  return {
    table: "facilities",
    columns: [
      "id",
      "slug",
      "name",
      "operator_id",
      "country",
      "subdivision",
      "city",
      "latitude",
      "longitude",
      "grid_region",
      "status",
      "announced_on",
      "operational_on",
      "decommissioned_on",
      "it_power_mw",
      "planned_it_power_mw",
      "rack_density_kw_typical",
      "rack_density_kw_max",
      "cooling",
      "pue",
      "wue",
      ...FACT_COLUMNS,
    ],
    *rows() {
      for (const [i, f] of world.facilities.entries()) {
        const place = SUBDIVISIONS[f.subdivision] as (typeof SUBDIVISIONS)[number];
        yield [
          idOf(world, "facilities", i),
          `syn-facility-${i + 1}`,
          `${place.city} AI Campus ${i + 1}`,
          idOf(world, "vendors", f.operator),
          COUNTRIES[place.country]?.code,
          place.code,
          place.city,
          round(Math.max(-90, Math.min(90, place.lat + rng.real(-0.4, 0.4, 4))), 4),
          round(Math.max(-180, Math.min(180, place.lon + rng.real(-0.4, 0.4, 4))), 4),
          place.grid,
          f.status,
          isoDate(f.announcedDay),
          f.operationalDay === null ? null : isoDate(f.operationalDay),
          f.decommissionedDay === null ? null : isoDate(f.decommissionedDay),
          f.itMw,
          f.plannedMw,
          f.rackTypical,
          f.rackMax,
          f.cooling,
          f.pue,
          f.wue,
          ...factValues(world),
        ];
      }
    },
  };
}
