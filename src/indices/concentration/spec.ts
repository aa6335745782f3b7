import { checkIndexDate } from "../dates.ts";
import { IndexInputError } from "../errors.ts";
import { DEFAULT_ROLLUP, ROLLUPS, type Rollup } from "../rollup.ts";

export const DIMENSIONS = ["OPERATOR", "CHIP_DESIGNER", "FOUNDRY", "COUNTRY", "GRID_REGION"] as const;
export const MEASURES = ["CAPACITY_MW", "ACCELERATORS", "REPORTED_SHARE"] as const;
export type ConcentrationDimension = (typeof DIMENSIONS)[number];
export type ConcentrationMeasure = (typeof MEASURES)[number];

/**
 * The dimensions each measure can be broken down by. CAPACITY_MW belongs to facilities (whose operator,
 * country and grid region are known, not their chips); ACCELERATORS to deployments (facility and chip,
 * so every dimension); REPORTED_SHARE to vendors only (the vendor is the operator/designer/foundry).
 */
export const VALID_DIMENSIONS: Record<ConcentrationMeasure, readonly ConcentrationDimension[]> = {
  CAPACITY_MW: ["OPERATOR", "COUNTRY", "GRID_REGION"],
  ACCELERATORS: ["OPERATOR", "CHIP_DESIGNER", "FOUNDRY", "COUNTRY", "GRID_REGION"],
  REPORTED_SHARE: ["OPERATOR", "CHIP_DESIGNER", "FOUNDRY"],
};

/** CRn defaults to CR4; n may be 1..100. */
export const DEFAULT_N = 4;
export const MAX_N = 100;

export interface ConcentrationSpec {
  dimension: ConcentrationDimension;
  measure: ConcentrationMeasure;
  /** Market segment (e.g. `ai-accelerators`); required by REPORTED_SHARE and only allowed there. */
  segment?: string | null;
  /** CRn: the combined share of the n largest entities (default 4). */
  n?: number | null;
  /** Vendor dimensions: count each firm under its ultimate parent (default) or not (NONE). */
  rollup?: Rollup | null;
}

export interface CheckedSpec {
  dimension: ConcentrationDimension;
  measure: ConcentrationMeasure;
  segment: string | null;
  n: number;
  rollup: Rollup;
}

/** Validates a concentration spec; every refusal is an IndexInputError naming the argument. */
export function checkSpec(spec: ConcentrationSpec): CheckedSpec {
  if (!MEASURES.includes(spec.measure))
    throw new IndexInputError("measure", `unknown measure ${spec.measure}`);
  if (!DIMENSIONS.includes(spec.dimension)) {
    throw new IndexInputError("dimension", `unknown dimension ${spec.dimension}`);
  }
  const allowed = VALID_DIMENSIONS[spec.measure];
  if (!allowed.includes(spec.dimension)) {
    throw new IndexInputError(
      "dimension",
      `dimension ${spec.dimension} is not available for measure ${spec.measure} (allowed: ${allowed.join(", ")})`,
    );
  }
  const segment = spec.segment ?? null;
  if (spec.measure === "REPORTED_SHARE" && !segment) {
    throw new IndexInputError("segment", "measure REPORTED_SHARE needs a segment (e.g. ai-accelerators)");
  }
  if (spec.measure !== "REPORTED_SHARE" && segment !== null) {
    throw new IndexInputError(
      "segment",
      `segment applies only to measure REPORTED_SHARE, not ${spec.measure}`,
    );
  }
  const n = spec.n ?? DEFAULT_N;
  if (!Number.isInteger(n) || n < 1 || n > MAX_N) {
    throw new IndexInputError("n", `n must be an integer from 1 to ${MAX_N}, got ${n}`);
  }
  const rollup = spec.rollup ?? DEFAULT_ROLLUP;
  if (!ROLLUPS.includes(rollup)) throw new IndexInputError("rollup", `unknown rollup ${rollup}`);
  return { dimension: spec.dimension, measure: spec.measure, segment, n, rollup };
}

export { checkIndexDate };
