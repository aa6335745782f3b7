import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { memoPerNode, variablesKey } from "../../src/graphql/memo.ts";

describe("memoPerNode", () => {
  it("computes once per node and key, null included, and again for another node or key", () => {
    const memo = memoPerNode<object, number | null>(64);
    const a = parse("{ a }");
    const b = parse("{ a }");
    let calls = 0;
    const compute = () => {
      calls++;
      return null;
    };
    expect(memo(a, "x", compute)).toBeNull();
    expect(memo(a, "x", compute)).toBeNull();
    expect(calls).toBe(1);
    memo(a, "y", compute);
    memo(b, "x", compute);
    expect(calls).toBe(3);
  });

  it("keeps at most perNode keys per node, and does not keep what has no node or key", () => {
    const memo = memoPerNode<object, number>(2);
    const node = {};
    let calls = 0;
    const compute = () => ++calls;
    memo(node, "1", compute);
    memo(node, "2", compute);
    memo(node, "3", compute); // over the bound: the node's keys are dropped, then "3" kept
    expect(memo(node, "3", compute)).toBe(3);
    expect(memo(node, "1", compute)).toBe(4);
    memo(undefined, "1", compute);
    memo(node, undefined, compute);
    memo(node, undefined, compute);
    expect(calls).toBe(7);
  });

  it("keys variables by their JSON, and refuses those that do not serialise", () => {
    expect(variablesKey({ first: 5 })).toBe('{"first":5}');
    expect(variablesKey(undefined)).toBe("null");
    expect(variablesKey({ n: 1n })).toBeUndefined();
  });
});
