import { day, HORIZON, isoDate } from "./calendar.ts";
import { cumulative, Random, round, zipfWeights } from "./random.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

const OPEN_LICENCES = ["apache-2.0", "mit", "llama-community", "gemma-terms", "openrail-m"];

/** The smallest hardware class with enough memory to run a model (GB thresholds). */
function smallestHardware(memoryGb: number): string {
  if (memoryGb <= 4) return "PHONE";
  if (memoryGb <= 16) return "LAPTOP";
  if (memoryGb <= 24) return "CONSUMER_GPU";
  if (memoryGb <= 96) return "WORKSTATION";
  return "DATACENTER";
}

/**
 * Models from model labs (and a fifth from hyperscalers), 2019 to HORIZON. Open-weight models report
 * parameters and the memory to run them quantised to 4 bits (0.6 GB per billion parameters with
 * overhead); closed ones mostly do not, and run in data centres.
 */
export function modelRows(world: World): TableRows {
  return {
    table: "models",
    columns: [
      "id",
      "slug",
      "name",
      "developer_id",
      "release_date",
      "open_weights",
      "licence",
      "parameters_b",
      "min_memory_gb",
      "smallest_hardware",
      ...FACT_COLUMNS,
    ],
    *rows() {
      const rng = new Random(world.seed, "models");
      const fact = factValues(world);
      const labs = world.vendors.byKind.MODEL_LAB;
      const clouds = world.vendors.byKind.HYPERSCALER;
      const labWeights = cumulative(zipfWeights(labs.length, 1.0));
      for (let i = 0; i < world.counts.models; i++) {
        const developer = rng.chance(0.8) ? (labs[rng.weighted(labWeights)] as number) : rng.pick(clouds);
        const open = rng.chance(0.55);
        const parameters = open || rng.chance(0.4) ? rng.logUniform(0.1, 2000, 1) || 0.1 : null;
        const memory = parameters === null ? null : Math.max(0.1, round(parameters * (open ? 0.6 : 2.4), 1));
        yield [
          idOf(world, "models", i),
          `syn-model-${i + 1}`,
          `Synthetic Model ${i + 1}${parameters === null ? "" : ` ${parameters}B`}`,
          idOf(world, "vendors", developer),
          isoDate(rng.int(day("2019-01-01"), HORIZON)),
          open,
          open ? rng.pick(OPEN_LICENCES) : "proprietary",
          parameters,
          memory,
          memory === null || !open ? "DATACENTER" : smallestHardware(memory),
          ...fact,
        ];
      }
    },
  };
}
