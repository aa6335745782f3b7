import type { PlannedCounts } from "./counts.ts";
import { VENDOR_KINDS, type VendorKind } from "./counts.ts";
import { COUNTRIES } from "./geography.ts";
import { cumulative, Random, zipfWeights } from "./random.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

/** Vendors by index; within a kind, lower rank = bigger firm (Zipf weights elsewhere follow rank). */
export interface VendorPlan {
  kind: VendorKind[];
  name: string[];
  hqCountry: string[];
  /** Index of the parent vendor (always a lower index, so the parent chain has no cycle), or -1. */
  parent: number[];
  /** Vendor indexes of each kind, in rank order. */
  byKind: Record<VendorKind, number[]>;
}

const STEMS = [
  "Arva",
  "Bel",
  "Cor",
  "Dyn",
  "Eli",
  "Fer",
  "Gal",
  "Hel",
  "Ion",
  "Jun",
  "Kel",
  "Lum",
  "Mer",
  "Nor",
  "Ori",
  "Pax",
  "Quan",
  "Rho",
  "Sol",
  "Tera",
  "Ul",
  "Vel",
  "Wex",
  "Xen",
  "Yar",
  "Zet",
];
const ENDINGS = ["nis", "tra", "vex", "lon", "dia", "mont", "gate", "ion", "ara", "ium", "scale", "grid"];
const KIND_WORD: Record<VendorKind, string> = {
  HYPERSCALER: "Cloud",
  NEOCLOUD: "GPU Cloud",
  COLOCATION: "Data Centers",
  CHIP_DESIGNER: "Semiconductor",
  FOUNDRY: "Foundry",
  MODEL_LAB: "AI",
  UTILITY: "Energy",
  OTHER: "Systems",
};
/** Chance that a vendor of this kind is a subsidiary of another vendor. */
const PARENT_CHANCE: Record<VendorKind, number> = {
  HYPERSCALER: 0,
  NEOCLOUD: 0.1,
  COLOCATION: 0.15,
  CHIP_DESIGNER: 0.1,
  FOUNDRY: 0.05,
  MODEL_LAB: 0.1,
  UTILITY: 0.2,
  OTHER: 0.1,
};

export function planVendors(seed: number, counts: PlannedCounts): VendorPlan {
  const rng = new Random(seed, "vendors");
  const countryWeights = cumulative(COUNTRIES.map((c) => c.weight));
  const plan: VendorPlan = {
    kind: [],
    name: [],
    hqCountry: [],
    parent: [],
    byKind: Object.fromEntries(VENDOR_KINDS.map((k) => [k, []])) as unknown as Record<VendorKind, number[]>,
  };
  for (const kind of VENDOR_KINDS) {
    for (let rank = 0; rank < counts.vendorsByKind[kind]; rank++) {
      const index = plan.kind.length;
      plan.kind.push(kind);
      plan.byKind[kind].push(index);
      plan.name.push(`${rng.pick(STEMS)}${rng.pick(ENDINGS)} ${KIND_WORD[kind]} ${index + 1}`);
      plan.hqCountry.push((COUNTRIES[rng.weighted(countryWeights)] as { code: string }).code);
      plan.parent.push(chooseParent(rng, plan, kind, index));
    }
  }
  return plan;
}

/** A parent among earlier vendors: a hyperscaler, or a bigger vendor of the same kind. */
function chooseParent(rng: Random, plan: VendorPlan, kind: VendorKind, index: number): number {
  if (!rng.chance(PARENT_CHANCE[kind])) return -1;
  const pool = [...plan.byKind.HYPERSCALER.slice(0, 5), ...plan.byKind[kind].slice(0, 10)].filter(
    (i) => i < index,
  );
  return pool.length > 0 ? rng.pick(pool) : -1;
}

/** Operators of facilities (hyperscalers, neoclouds, colocation) weighted like a concentrated market. */
export function operatorPool(plan: VendorPlan): { members: number[]; weights: Float64Array } {
  const groups: [VendorKind, number, number][] = [
    ["HYPERSCALER", 40, 1.1],
    ["NEOCLOUD", 4, 0.9],
    ["COLOCATION", 6, 0.9],
  ];
  const members: number[] = [];
  const weights: number[] = [];
  for (const [kind, scale, s] of groups) {
    const ranked = plan.byKind[kind];
    zipfWeights(ranked.length, s).forEach((w, rank) => {
      members.push(ranked[rank] as number);
      weights.push(scale * w);
    });
  }
  return { members, weights: cumulative(weights) };
}

export const vendorSlug = (plan: VendorPlan, index: number) =>
  `syn-${(plan.kind[index] as string).toLowerCase().replace(/_/g, "-")}-${index + 1}`;

export function vendorRows(world: World): TableRows {
  const plan = world.vendors;
  return {
    table: "vendors",
    columns: ["id", "slug", "name", "kind", "hq_country", "parent_id", "website", ...FACT_COLUMNS],
    *rows() {
      for (let i = 0; i < plan.kind.length; i++) {
        const parent = plan.parent[i] as number;
        const slug = vendorSlug(plan, i);
        yield [
          idOf(world, "vendors", i),
          slug,
          plan.name[i],
          plan.kind[i],
          plan.hqCountry[i],
          parent < 0 ? null : idOf(world, "vendors", parent),
          `https://${slug}.hyperscope.invalid`,
          ...factValues(world),
        ];
      }
    },
  };
}
