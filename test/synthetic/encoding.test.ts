import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyTextLine } from "../../src/db/copy-text.ts";
import { Random } from "../../src/synthetic/random.ts";

/** Decodes one COPY text line (the inverse of copyTextLine for scalars), as PostgreSQL would. */
function decodeLine(line: string): (string | null)[] {
  expect(line.endsWith("\n")).toBe(true);
  return line
    .slice(0, -1)
    .split("\t")
    .map((field) =>
      field === "\\N"
        ? null
        : field.replace(/\\(.)/g, (_, c: string) => ({ t: "\t", n: "\n", r: "\r" })[c] ?? c),
    );
}

describe("COPY text encoding", () => {
  it("round-trips any strings, with nulls, through escaping", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ unit: "binary" }), { nil: null }), { minLength: 1 }),
        (values) => {
          expect(decodeLine(copyTextLine(values))).toEqual(values);
        },
      ),
    );
  });

  it("writes numbers, booleans and arrays as PostgreSQL reads them", () => {
    expect(copyTextLine([1.5, true, false, ["A", 'b"c', "d\\e"], [], undefined])).toBe(
      '1.5\tt\tf\t{"A","b\\\\"c","d\\\\\\\\e"}\t{}\t\\N\n',
    );
    expect(() => copyTextLine([Number.NaN])).toThrow(RangeError);
  });
});

describe("seeded PRNG", () => {
  it("repeats its sequence for the same seed and stream, and differs otherwise", () => {
    const draw = (seed: number, stream: string) => {
      const rng = new Random(seed, stream);
      return Array.from({ length: 50 }, () => rng.next());
    };
    expect(draw(1, "facilities")).toEqual(draw(1, "facilities"));
    expect(draw(1, "facilities")).not.toEqual(draw(2, "facilities"));
    expect(draw(1, "facilities")).not.toEqual(draw(1, "outages"));
  });

  it("stays within its ranges", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, span) => {
        const rng = new Random(seed, "range");
        for (let i = 0; i < 20; i++) {
          const x = rng.next();
          expect(x >= 0 && x < 1).toBe(true);
          const n = rng.int(min, min + span);
          expect(n >= min && n <= min + span && Number.isInteger(n)).toBe(true);
        }
      }),
    );
  });
});
