import DataLoader from "dataloader";
import type { Database } from "../db/client.ts";
import { getRiskScores, type RiskScore } from "./risk/index.ts";
import type { RiskSubjectKind } from "./risk/parameters.ts";
import type { ComponentWeight } from "./risk/weights.ts";

/** Risk weights as the `weights` argument gives them (null: the defaults). */
type Weights = readonly ComponentWeight[] | null;

/**
 * Per-request index loaders. `riskScores(kind, asOf, weights)`: one risk query per (subject kind,
 * asOf, weights) for all the facilities/vendors whose `risk` field a response asks for (batches of
 * up to 100 ids).
 */
export function createIndexLoaders(db: Database) {
  const byKey = new Map<string, DataLoader<number, RiskScore | null>>();
  const riskScores = (kind: RiskSubjectKind, asOf: string, weights: Weights) => {
    const key = JSON.stringify([kind, asOf, weights]);
    let loader = byKey.get(key);
    if (!loader) {
      loader = new DataLoader<number, RiskScore | null>(
        async (ids) => {
          const result = await getRiskScores(db, {
            subject: kind,
            asOf,
            weights,
            filter: { ids: ids.map(String) },
            first: ids.length,
          });
          const byId = new Map(result.items.map((i) => [i.subject.id, i]));
          return ids.map((id) => byId.get(String(id)) ?? null);
        },
        { maxBatchSize: 100 },
      );
      byKey.set(key, loader);
    }
    return loader;
  };
  return { riskScores };
}
