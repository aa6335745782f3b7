import type { SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { GraphQLResolveInfo } from "graphql";
import type { PageRequest, Sort, TableWithId } from "../../db/pagination.ts";
import type { CursorScope } from "../connection.ts";

/**
 * What a domain declares so that a connection's page, with the relations a query selects below it,
 * can be built in ONE statement (src/graphql/plan/statement.ts). The planner knows no domain: each
 * domain describes its GraphQL type here, in its own module (src/<domain>/plan.ts).
 *
 * A field of the type is plannable when it is:
 * - a column: no resolver of its own and named like a property of the table's row (the default
 *   resolver reads it), or listed in `columns` with the columns its resolver reads (e.g. `id`);
 * - a relation listed in `relations`, whose resolver returns `fromPlan(...)` when the row was planned.
 * Any other field (citations, computed fields) keeps its own resolver, which then gets the row with
 * every column, as the loaders give it.
 */
export interface EntityPlan {
  /** The GraphQL object type, e.g. "Facility". */
  type: string;
  table: TableWithId;
  /** Fields with a resolver that reads only these columns of the row (e.g. `id: [table.id]`). */
  columns?: Record<string, PgColumn[]>;
  relations?: Record<string, RelationPlan>;
}

/** A to-one relation: the row of `target` whose id is this row's `key` (null when `key` is null). */
export interface OneRelation {
  kind: "one";
  target: () => EntityPlan;
  key: PgColumn;
}

/** A page of what a connection field asks for, from its GraphQL arguments (throws on bad input). */
export interface PageSpec {
  scope: CursorScope;
  sort: Sort;
  request: PageRequest;
  where?: SQL;
}

/** A nested connection: a page of `target` rows whose `parent` column is this row's id. */
export interface PageRelation {
  kind: "page";
  target: () => EntityPlan;
  parent: PgColumn;
  page: (args: Record<string, unknown>) => PageSpec;
}

export type RelationPlan = OneRelation | PageRelation;

/**
 * Where a planned row keeps its relations' values: response keys and values alternating
 * ([key, value, key, value, …]), a relation's key once. A flat array rather than a Map per row: the
 * Map and its table were the largest allocation of a nested page's decoding (a row has few relations,
 * so the scan is as fast as a lookup).
 */
export const PLANNED = Symbol("planned relations");

export type PlannedRow = Record<string, unknown> & { [PLANNED]?: unknown[] };

/**
 * A relation field's value: the one planned with its parent row, else what `orElse` resolves (the
 * loader path: the parent was not planned, or this field could not be).
 */
export function fromPlan<T>(parent: object, info: GraphQLResolveInfo, orElse: () => T): T {
  const planned = (parent as PlannedRow)[PLANNED];
  if (planned) {
    const node = info.fieldNodes[0];
    const key = node?.alias?.value ?? info.fieldName;
    for (let i = 0; i < planned.length; i += 2) if (planned[i] === key) return planned[i + 1] as T;
  }
  return orElse();
}
