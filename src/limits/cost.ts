import {
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
} from "graphql";
import { type ComplexityEstimator, getComplexity } from "graphql-query-complexity";

/**
 * The computed cost of a query, known before it runs, counted like GitHub's node limit:
 * - a connection (a field returning `XConnection`) costs 1 + n × (the cost of what is selected
 *   inside it), n = `first` or `last` (default 20), so nested connections multiply;
 * - `edges` passes its cost through (the connection already multiplied it); every other object
 *   field costs 1 + what is selected inside it; scalars cost 0 and `totalCount` 1;
 * - a list field without paging arguments (sources, impacts, evidence…) counts LIST_ESTIMATE items;
 *   `nodes(ids)` counts its ids;
 * - each index field has its own documented price (INDEX_COSTS), per row for riskScores.
 * Invariant: the cost only grows with the rows a query can fetch, so bounding the cost bounds the
 * result size. README "Limits" lists these numbers; change them here only.
 */

export const DEFAULT_PAGE = 20;
export const LIST_ESTIMATE = 10;

/** What each index field costs: `each` per row (riskScores) or `flat` per call, plus what it selects. */
export const INDEX_COSTS: Record<string, { flat?: number; each?: number }> = {
  "Query.riskScores": { each: 50 },
  "Facility.risk": { flat: 50 },
  "Vendor.risk": { flat: 50 },
  "Query.blastRadius": { flat: 1_000 },
  "Query.concentration": { flat: 100 },
  "Query.concentrationSeries": { flat: 2_000 },
};

const isConnection = (type: GraphQLOutputType) => getNamedType(type).name.endsWith("Connection");
const pageOf = (args: Record<string, unknown>) => {
  const n = args.first ?? args.last;
  return typeof n === "number" && n > 0 ? n : DEFAULT_PAGE;
};

const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith("__")) return 0; // introspection (GraphiQL's schema query) is free
  const key = `${type.name}.${field.name}`;
  const index = INDEX_COSTS[key];
  if (index?.each) return 1 + pageOf(args) * (index.each + childComplexity);
  if (index?.flat) return index.flat + childComplexity;
  if (isConnection(field.type)) return 1 + pageOf(args) * childComplexity;
  if (field.name === "edges" && type.name.endsWith("Connection")) return childComplexity;
  if (field.name === "totalCount") return 1;
  if (type.name === "Query" && field.name === "nodes" && Array.isArray(args.ids)) {
    return args.ids.length * (1 + childComplexity);
  }
  if (!isCompositeType(getNamedType(field.type))) return 0;
  if (isListType(getNullableType(field.type))) return LIST_ESTIMATE * (1 + childComplexity);
  return 1 + childComplexity;
};

/**
 * The cost of the operation `operationName` of `document`; null when it cannot be computed (an
 * invalid document or variables: validation reports those).
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined | null,
  variables: Record<string, unknown> | undefined,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      estimators: [estimator],
      ...(operationName ? { operationName } : {}),
      variables: variables ?? {},
      maxQueryNodes: 100_000,
    });
  } catch {
    return null;
  }
}
