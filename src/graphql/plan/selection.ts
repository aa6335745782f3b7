import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  isAbstractType,
  Kind,
  type SelectionSetNode,
} from "graphql";

/**
 * Look-ahead: what a query selects below a field, read from the resolve info's AST, with fragments
 * and @skip/@include applied as the executor applies them. Fields are merged by response key (an
 * alias or the field name), as the executor merges them into one response object.
 */

/** The parts of a resolve info the look-ahead reads (graphql-js's and graphql-jit's infos have them). */
export interface Look {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

/** One response key of an object: its field definition and every AST node merged under it. */
export interface SelectedField {
  name: string;
  definition: GraphQLField<unknown, unknown>;
  nodes: FieldNode[];
}

function included(look: Look, node: FieldNode | { directives?: FieldNode["directives"] }): boolean {
  if (!node.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, look.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, look.variableValues);
  return include?.if !== false;
}

function applies(look: Look, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = look.schema.getType(condition);
  return !!conditionType && isAbstractType(conditionType) && look.schema.isSubType(conditionType, type);
}

/** The fields selected on `type` by the selection sets, by response key (in selection order). */
export function selectedFields(
  look: Look,
  type: GraphQLObjectType,
  sets: readonly (SelectionSetNode | undefined)[],
): Map<string, SelectedField> {
  const fields = new Map<string, SelectedField>();
  const definitions = type.getFields();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const s of set?.selections ?? []) {
      if (!included(look, s)) continue;
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        const known = fields.get(key);
        if (known) known.nodes.push(s);
        else {
          const definition = definitions[s.name.value];
          // __typename and other meta fields have no definition here and need no column.
          if (definition) fields.set(key, { name: s.name.value, definition, nodes: [s] });
        }
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(look, s.typeCondition?.name.value, type)) visit(s.selectionSet, seen);
      } else if (!seen.has(s.name.value)) {
        const fragment = look.fragments[s.name.value];
        seen.add(s.name.value);
        if (fragment && applies(look, fragment.typeCondition.name.value, type)) {
          visit(fragment.selectionSet, seen);
        }
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return fields;
}

/** The sub-selections of every node merged under a response key. */
export const subSelections = (field: SelectedField) => field.nodes.map((n) => n.selectionSet);

/**
 * A field's argument values (coerced, defaults applied), or null when they do not coerce or when the
 * nodes merged under one response key disagree (the executor then reports the error at the field).
 */
export function argumentsOf(look: Look, field: SelectedField): Record<string, unknown> | null {
  try {
    const all = field.nodes.map((n) => getArgumentValues(field.definition, n, look.variableValues));
    const first = all[0] ?? {};
    const text = JSON.stringify(first);
    return all.every((a) => JSON.stringify(a) === text) ? first : null;
  } catch {
    return null;
  }
}
