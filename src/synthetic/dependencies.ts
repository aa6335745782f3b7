import { day, isoDate, years } from "./calendar.ts";
import type { VendorKind } from "./counts.ts";
import { Random } from "./random.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

type Kind = "CLOUD_TENANT" | "CHIP_SUPPLY" | "FOUNDRY" | "POWER_SUPPLY" | "COLOCATION" | "MODEL_API";
interface Rule {
  kind: Kind;
  providers: VendorKind[];
  chance: number;
  min: number;
  max: number;
  /** Chance that one provider is a facility (a colocation lease) rather than a vendor. */
  facilityChance?: number;
}

/** Who a vendor of each kind depends on, and for what. */
const RULES: Record<VendorKind, Rule[]> = {
  CHIP_DESIGNER: [{ kind: "FOUNDRY", providers: ["FOUNDRY"], chance: 1, min: 1, max: 2 }],
  HYPERSCALER: [
    { kind: "CHIP_SUPPLY", providers: ["CHIP_DESIGNER"], chance: 1, min: 2, max: 3 },
    { kind: "POWER_SUPPLY", providers: ["UTILITY"], chance: 1, min: 1, max: 3 },
    { kind: "MODEL_API", providers: ["MODEL_LAB"], chance: 0.5, min: 1, max: 1 },
  ],
  NEOCLOUD: [
    { kind: "CHIP_SUPPLY", providers: ["CHIP_DESIGNER"], chance: 1, min: 1, max: 2 },
    { kind: "COLOCATION", providers: ["COLOCATION"], chance: 1, min: 1, max: 2, facilityChance: 0.3 },
    { kind: "CLOUD_TENANT", providers: ["HYPERSCALER"], chance: 0.2, min: 1, max: 1 },
  ],
  COLOCATION: [{ kind: "POWER_SUPPLY", providers: ["UTILITY"], chance: 1, min: 1, max: 2 }],
  MODEL_LAB: [
    { kind: "CLOUD_TENANT", providers: ["HYPERSCALER", "NEOCLOUD"], chance: 0.9, min: 1, max: 3 },
    { kind: "COLOCATION", providers: ["COLOCATION"], chance: 0.1, min: 1, max: 1, facilityChance: 0.5 },
  ],
  OTHER: [
    { kind: "MODEL_API", providers: ["MODEL_LAB"], chance: 0.6, min: 1, max: 2 },
    { kind: "CLOUD_TENANT", providers: ["HYPERSCALER"], chance: 0.3, min: 1, max: 1 },
  ],
  FOUNDRY: [{ kind: "POWER_SUPPLY", providers: ["UTILITY"], chance: 0.5, min: 1, max: 1 }],
  UTILITY: [],
};
/** Providers are drawn from the biggest firms of their kind (real supply chains are concentrated). */
const PROVIDER_POOL = 50;

type Provider = { vendor: number } | { facility: number };

/**
 * A supply-chain graph, layered (foundry <- chip designer <- cloud <- model lab <- other) and so
 * DAG-ish, with cycles where clouds buy model APIs from labs that rent their clouds, and chains among
 * OTHER vendors (each may build on an earlier one's API). Kept at any scale: the path
 * other#2 -> other#1 -> lab#1 -> cloud -> ... (depth >= 5 through colocation and utility) and the
 * cycle hyperscaler#1 <-> lab#1. For each (dependent, kind) the weights sum to at most 0.99.
 */
export function dependencyRows(world: World): TableRows {
  return {
    table: "dependencies",
    columns: [
      "id",
      "dependent_id",
      "provider_vendor_id",
      "provider_facility_id",
      "kind",
      "weight",
      "since",
      "until",
      ...FACT_COLUMNS,
    ],
    *rows() {
      const rng = new Random(world.seed, "dependencies");
      const { byKind, kind: kindOf } = world.vendors;
      const fact = factValues(world);
      let n = 0;
      for (let v = 0; v < kindOf.length; v++) {
        const kind = kindOf[v] as VendorKind;
        const rules = [...RULES[kind]];
        // Thousandths of each need still unassigned: weights per (dependent, kind) never pass 0.99.
        const budget = new Map<Kind, number>();
        if (kind === "OTHER" && v !== byKind.OTHER[0]) {
          rules.push({ kind: "MODEL_API", providers: ["OTHER"], chance: 0.25, min: 1, max: 1 });
        }
        for (const rule of rules) {
          const forced = forcedProviders(world, v, rule);
          if (forced.length === 0 && !rng.chance(rule.chance)) continue;
          const pool = rule.providers.flatMap((k) =>
            k === "OTHER" ? byKind.OTHER.filter((o) => o < v).slice(-20) : byKind[k].slice(0, PROVIDER_POOL),
          );
          const vendors = new Set(rng.sample(pool, rng.int(rule.min, rule.max)));
          for (const f of forced) vendors.add(f);
          const providers: Provider[] = [...vendors].sort((a, b) => a - b).map((vendor) => ({ vendor }));
          if (rule.facilityChance && world.facilities.length > 0 && rng.chance(rule.facilityChance)) {
            providers.push({ facility: rng.int(0, world.facilities.length - 1) });
          }
          // Split up to `coverage` of the remaining need among the providers, each weight rounded down.
          const parts = providers.map(() => 0.2 + rng.next());
          const total = parts.reduce((a, b) => a + b, 0);
          const remaining = budget.get(rule.kind) ?? 990;
          const coverage = Math.min(remaining, rng.int(600, 990));
          const milli = parts.map((part) => Math.floor((part / total) * coverage));
          budget.set(rule.kind, remaining - milli.reduce((a, b) => a + b, 0));
          for (const [p, provider] of providers.entries()) {
            const since = rng.int(day("2015-01-01"), day("2025-12-31"));
            yield [
              idOf(world, "dependencies", n++),
              idOf(world, "vendors", v),
              "vendor" in provider ? idOf(world, "vendors", provider.vendor) : null,
              "facility" in provider ? idOf(world, "facilities", provider.facility) : null,
              rule.kind,
              (milli[p] as number) / 1000,
              isoDate(since),
              rng.chance(0.1) ? isoDate(since + rng.int(180, years(5))) : null,
              ...fact,
            ];
          }
        }
      }
    },
  };
}

/** The edges every scale keeps: other#2 -> other#1 -> lab#1 -> neocloud#1 and hyperscaler#1 -> lab#1 -> hyperscaler#1. */
function forcedProviders(world: World, vendor: number, rule: Rule): number[] {
  const { byKind } = world.vendors;
  const first = (k: VendorKind) => byKind[k][0] as number;
  if (vendor === byKind.OTHER[1] && rule.providers.includes("OTHER")) return [first("OTHER")];
  if (vendor === first("OTHER") && rule.providers.includes("MODEL_LAB")) return [first("MODEL_LAB")];
  if (vendor === first("MODEL_LAB") && rule.kind === "CLOUD_TENANT")
    return [first("NEOCLOUD"), first("HYPERSCALER")];
  if (vendor === first("HYPERSCALER") && rule.providers.includes("MODEL_LAB")) return [first("MODEL_LAB")];
  return [];
}
