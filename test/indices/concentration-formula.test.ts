import { describe, expect, it } from "vitest";
import {
  concentrationClass,
  effectiveCompetitors,
  isSignificantIncrease,
} from "../../src/indices/concentration/formula.ts";

describe("concentration formula (2023 Merger Guidelines)", () => {
  it("classes the boundaries: 1,000 and 1,800 are moderately concentrated", () => {
    expect(concentrationClass(999.999)).toBe("UNCONCENTRATED");
    expect(concentrationClass(1000)).toBe("MODERATELY_CONCENTRATED");
    expect(concentrationClass(1800)).toBe("MODERATELY_CONCENTRATED");
    expect(concentrationClass(1800.001)).toBe("HIGHLY_CONCENTRATED");
    expect(concentrationClass(10000)).toBe("HIGHLY_CONCENTRATED");
  });

  it("computes effective competitors as 10,000 / HHI", () => {
    expect(effectiveCompetitors(3000)).toBeCloseTo(3.3333333333, 9);
    expect(effectiveCompetitors(10000)).toBe(1);
  });

  it("flags a significant increase only above 1,800 with a delta above 100", () => {
    expect(isSignificantIncrease(1900, 101)).toBe(true);
    expect(isSignificantIncrease(1900, 100)).toBe(false);
    expect(isSignificantIncrease(1800, 500)).toBe(false);
  });
});
