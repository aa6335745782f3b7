import { getTableColumns } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { type GraphQLObjectType, getNamedType, isObjectType, type SelectionSetNode } from "graphql";
import { type Codec, codecOf } from "./columns.ts";
import type { EntityPlan, PageRelation, PageSpec, RelationPlan } from "./entity.ts";
import { argumentsOf, type Look, type SelectedField, selectedFields, subSelections } from "./selection.ts";

/**
 * What one planned row holds, from the query's selection: its columns (the id first) and its planned
 * relations. A relation that cannot be planned (bad arguments, a nested totalCount, an unknown
 * column type below it) is left to its resolver, and the row keeps the column that resolver reads.
 */
export interface Shape {
  plan: EntityPlan;
  values: { key: string; column: PgColumn; codec: Codec }[];
  relations: PlannedRelation[];
}

export type PlannedRelation =
  | { key: string; relation: RelationPlan & { kind: "one" }; target: Shape }
  | { key: string; relation: PageRelation; target: Shape; spec: PageSpec };

/** json_build_array takes at most 100 arguments (a row's sort key, columns and relations). */
const MAX_CELLS = 100;

const keysByColumn = new WeakMap<EntityPlan, Map<PgColumn, string>>();
function columnKeys(plan: EntityPlan): Map<PgColumn, string> {
  let keys = keysByColumn.get(plan);
  if (!keys) {
    keys = new Map(Object.entries(getTableColumns(plan.table)).map(([key, c]) => [c as PgColumn, key]));
    keysByColumn.set(plan, keys);
  }
  return keys;
}

/** The node type and node selections under a connection's `edges { node }`, or null if it selects more. */
export function connectionNodes(
  look: Look,
  connection: GraphQLObjectType,
  sets: readonly (SelectionSetNode | undefined)[],
  totalCount: boolean,
): { type: GraphQLObjectType; sets: (SelectionSetNode | undefined)[] } | null {
  const edgeType = connection.getFields().edges && getNamedType(connection.getFields().edges?.type);
  const nodeType = isObjectType(edgeType) ? getNamedType(edgeType.getFields().node?.type) : undefined;
  if (!isObjectType(edgeType) || !isObjectType(nodeType)) return null;
  const nodes: (SelectionSetNode | undefined)[] = [];
  for (const field of selectedFields(look, connection, sets).values()) {
    if (field.name === "edges") {
      for (const edgeField of selectedFields(look, edgeType, subSelections(field)).values()) {
        if (edgeField.name === "node") nodes.push(...subSelections(edgeField));
        else if (edgeField.name !== "cursor") return null;
      }
    } else if (field.name === "totalCount") {
      if (!totalCount) return null;
    } else if (field.name !== "pageInfo") return null;
  }
  return { type: nodeType, sets: nodes };
}

function planRelation(look: Look, key: string, relation: RelationPlan, field: SelectedField) {
  const target = relation.target();
  const type = getNamedType(field.definition.type);
  if (relation.kind === "one") {
    if (!isObjectType(type) || type.name !== target.type) return null;
    const shape = shapeOf(look, target, type, subSelections(field));
    return shape && { key, relation, target: shape };
  }
  const args = argumentsOf(look, field);
  if (!args || !isObjectType(type)) return null;
  let spec: PageSpec;
  try {
    spec = relation.page(args);
  } catch {
    return null; // bad input: the resolver reports it at this field
  }
  const nodes = connectionNodes(look, type, subSelections(field), false);
  if (!nodes || nodes.type.name !== target.type) return null;
  const shape = shapeOf(look, target, nodes.type, nodes.sets);
  return shape && { key, relation, target: shape, spec };
}

/** The shape of a `plan` row for the selections on `type`, or null when a column cannot be planned. */
export function shapeOf(
  look: Look,
  plan: EntityPlan,
  type: GraphQLObjectType,
  sets: readonly (SelectionSetNode | undefined)[],
): Shape | null {
  const keys = columnKeys(plan);
  const table = getTableColumns(plan.table) as Record<string, PgColumn>;
  const columns = new Set<PgColumn>([plan.table.id]);
  const relations: PlannedRelation[] = [];
  let everyColumn = false;
  for (const [key, field] of selectedFields(look, type, sets)) {
    const relation = plan.relations?.[field.name];
    const read = plan.columns?.[field.name];
    if (relation) {
      const planned = planRelation(look, key, relation, field);
      if (planned) relations.push(planned as PlannedRelation);
      else columns.add(relation.kind === "one" ? relation.key : plan.table.id);
    } else if (read) {
      for (const c of read) columns.add(c);
    } else if (!field.definition.resolve && table[field.name]) {
      columns.add(table[field.name] as PgColumn);
    } else {
      everyColumn = true; // a resolver of its own: it gets the whole row, as loaders give it
    }
  }
  if (everyColumn) for (const c of Object.values(table)) columns.add(c);
  const values: Shape["values"] = [];
  for (const column of columns) {
    const codec = codecOf(column);
    const key = keys.get(column);
    if (!codec || !key) return null;
    values.push({ key, column, codec });
  }
  if (values.length + relations.length + 1 > MAX_CELLS) return null;
  return { plan, values, relations };
}
