import { HORIZON, isoDate } from "./calendar.ts";
import { chipDeploymentWeights } from "./chips.ts";
import { Random } from "./random.ts";
import { FACT_COLUMNS, factValues, idOf, type TableRows, type World } from "./world.ts";

/**
 * Accelerators in facilities that have entered service: one to four chips per facility, sized to its
 * IT power; about a third of them get later rows (growth), so counts have history. An as-of date
 * never precedes the facility's operational date or the chip's release, never follows its
 * decommissioning or HORIZON; (facility, chip, as-of) is unique.
 */
export function deploymentRows(world: World): TableRows {
  return {
    table: "deployments",
    columns: ["id", "facility_id", "chip_id", "accelerator_count", "as_of", ...FACT_COLUMNS],
    *rows() {
      const rng = new Random(world.seed, "deployments");
      const chipWeights = chipDeploymentWeights(world);
      const fact = factValues(world);
      let n = 0;
      for (const [f, facility] of world.facilities.entries()) {
        if (facility.operationalDay === null || facility.itMw === null) continue;
        const last = facility.decommissionedDay ?? HORIZON;
        const chips = new Set<number>();
        const wanted = rng.int(1, 4);
        for (let tries = 0; chips.size < wanted && tries < 8; tries++) chips.add(rng.weighted(chipWeights));
        for (const c of chips) {
          const chip = world.chips[c];
          if (!chip) continue;
          let asOf = Math.max(facility.operationalDay, chip.releaseDay);
          if (asOf > last) continue;
          // IT power over (chip TDP × 1.6 for host, network and cooling overheads), split across chips.
          let count = Math.round((facility.itMw * 1e6) / (chip.tdpW * 1.6) / chips.size);
          const history = rng.chance(0.33) ? rng.int(1, 2) : 0;
          for (let h = 0; h <= history; h++) {
            yield [
              idOf(world, "deployments", n++),
              idOf(world, "facilities", f),
              idOf(world, "chips", c),
              count,
              isoDate(asOf),
              ...fact,
            ];
            asOf += rng.int(90, 720);
            if (asOf > last) break;
            count = Math.round(count * (1.1 + 0.7 * rng.next()));
          }
        }
      }
    },
  };
}
