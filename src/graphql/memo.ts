/**
 * A value computed once per parsed-document node and key (typically the serialised variables):
 * Apollo's document store hands back the same parsed document for the same query text, so a
 * repeated query finds what an earlier one computed. Nodes are held weakly (as long as the document
 * store keeps the document); a node keeps at most `perNode` keys, then its keys are dropped and
 * refilled, so a query sent with ever-new variables cannot grow it without bound. A key of
 * `undefined` (variables that do not serialise) is computed every time and not kept.
 */
export function memoPerNode<N extends object, V>(perNode: number) {
  const known = new WeakMap<N, Map<string, V>>();
  return (node: N | undefined, key: string | undefined, compute: () => V): V => {
    if (node === undefined || key === undefined) return compute();
    let values = known.get(node);
    if (values?.has(key)) return values.get(key) as V;
    const computed = compute();
    if (!values) {
      values = new Map();
      known.set(node, values);
    }
    if (values.size >= perNode) values.clear();
    values.set(key, computed);
    return computed;
  };
}

/** The key of a set of variables for memoPerNode: their JSON, or undefined when they do not serialise. */
export function variablesKey(variables: unknown): string | undefined {
  try {
    return JSON.stringify(variables ?? null);
  } catch {
    return undefined;
  }
}
