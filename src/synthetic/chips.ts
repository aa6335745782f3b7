import { day, isoDate } from "./calendar.ts";
import { cumulative, Random, round, zipfWeights } from "./random.ts";
import type { VendorPlan } from "./vendors.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

/** An accelerator's generated facts; specifications grow with the release year. */
export interface ChipPlan {
  designer: number;
  foundry: number | null;
  releaseDay: number;
  tdpW: number;
}

const NODES = ["16nm", "12nm", "N7", "N6", "N5", "N4", "N4P", "N3", "N3E", "N2"];
const MEMORY = ["HBM2", "HBM2e", "HBM3", "HBM3e", "GDDR6", "LPDDR5X"];

export function planChips(seed: number, vendors: VendorPlan, count: number): ChipPlan[] {
  const rng = new Random(seed, "chips");
  // Accelerators are dominated by one designer and fabricated mostly by one foundry.
  const designers = cumulative(zipfWeights(vendors.byKind.CHIP_DESIGNER.length, 1.6));
  const foundries = cumulative(zipfWeights(vendors.byKind.FOUNDRY.length, 2.2));
  return Array.from({ length: count }, () => {
    const releaseDay = rng.int(day("2016-01-01"), day("2026-03-31"));
    const age = (releaseDay - day("2016-01-01")) / 3653; // 0 (2016) .. 1 (2026)
    return {
      designer: vendors.byKind.CHIP_DESIGNER[rng.weighted(designers)] as number,
      foundry: rng.chance(0.08) ? null : (vendors.byKind.FOUNDRY[rng.weighted(foundries)] as number),
      releaseDay,
      tdpW: Math.round(75 + age * 1000 * rng.next() + 150 * age),
    };
  });
}

/** Chips weighted for deployment: the dominant designer's chips are deployed most. */
export function chipDeploymentWeights(world: World): Float64Array {
  const rankOf = new Map(world.vendors.byKind.CHIP_DESIGNER.map((v, rank) => [v, rank]));
  return cumulative(world.chips.map((c) => 1 / ((rankOf.get(c.designer) ?? 0) + 1) ** 1.5));
}

export function chipRows(world: World): TableRows {
  const rng = new Random(world.seed, "chip-specs");
  return {
    table: "chips",
    columns: [
      "id",
      "slug",
      "name",
      "designer_id",
      "foundry_id",
      "process_node",
      "release_date",
      "tdp_w",
      "memory_gb",
      "memory_type",
      "memory_bandwidth_tbps",
      "bf16_dense_tflops",
      "fp8_dense_tflops",
      ...FACT_COLUMNS,
    ],
    *rows() {
      for (const [i, chip] of world.chips.entries()) {
        const age = (chip.releaseDay - day("2016-01-01")) / 3653;
        const bf16 = round(50 + age * age * 2500 * (0.5 + rng.next()), 1);
        const nodeIndex = Math.min(NODES.length - 1, Math.floor(age * NODES.length + rng.int(-1, 1)));
        yield [
          idOf(world, "chips", i),
          `syn-chip-${i + 1}`,
          `Synthetic Accelerator ${i + 1}`,
          idOf(world, "vendors", chip.designer),
          chip.foundry === null ? null : idOf(world, "vendors", chip.foundry),
          NODES[Math.max(0, nodeIndex)],
          isoDate(chip.releaseDay),
          chip.tdpW,
          16 * rng.int(1, 2 + Math.floor(age * 16)),
          MEMORY[Math.min(MEMORY.length - 1, Math.floor(age * 4 + rng.int(0, 2)))],
          round(0.5 + age * 7.5 * (0.6 + 0.4 * rng.next()), 2),
          bf16,
          age > 0.6 ? round(bf16 * 2, 1) : null,
          ...factValues(world),
        ];
      }
    },
  };
}
