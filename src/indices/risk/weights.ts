import { IndexInputError } from "../errors.ts";
import { COMPONENTS, DEFAULT_WEIGHTS, type RiskComponent, type RiskSubjectKind } from "./parameters.ts";

export interface ComponentWeight {
  component: RiskComponent;
  weight: number;
}

/** How closely given weights must sum to 1; a weight below it is indistinguishable from 0. */
const TOLERANCE = 1e-9;

/**
 * The weights a risk query uses: the subject kind's defaults, or the given list, which replaces them
 * entirely (a component not listed weighs 0). Given weights must be finite, non-negative, name known
 * components once each, and sum to 1 within 1e-9; otherwise an IndexInputError naming `weights`.
 * A given weight below that 1e-9 counts as 0 and is reported as 0: it is below the precision the sum
 * is checked to (typically `1 - Σ others` of weights normalised by the caller), and left as it is a
 * subnormal weight such as 1.5e-323 makes PostgreSQL's `100 · w · c` underflow, which float8 refuses.
 */
export function resolveWeights(
  subject: RiskSubjectKind,
  given?: readonly ComponentWeight[] | null,
): ComponentWeight[] {
  if (given == null) {
    const defaults = DEFAULT_WEIGHTS[subject];
    return COMPONENTS.filter((c) => defaults[c] !== undefined).map((c) => ({
      component: c,
      weight: defaults[c] as number,
    }));
  }
  const seen = new Set<string>();
  for (const w of given) {
    if (!COMPONENTS.includes(w.component)) {
      throw new IndexInputError(
        "weights",
        `unknown risk component ${w.component} (known: ${COMPONENTS.join(", ")})`,
      );
    }
    if (seen.has(w.component))
      throw new IndexInputError("weights", `component ${w.component} is weighted twice`);
    seen.add(w.component);
    if (!Number.isFinite(w.weight) || w.weight < 0) {
      throw new IndexInputError(
        "weights",
        `weight of ${w.component} must be a non-negative number, got ${w.weight}`,
      );
    }
  }
  const sum = given.reduce((a, w) => a + w.weight, 0);
  if (Math.abs(sum - 1) > TOLERANCE)
    throw new IndexInputError("weights", `weights must sum to 1, got ${sum}`);
  return given.map((w) => ({ component: w.component, weight: w.weight < TOLERANCE ? 0 : w.weight }));
}
