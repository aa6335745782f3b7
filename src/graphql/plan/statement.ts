import { and, getTableColumns, type Query, type SQL, sql } from "drizzle-orm";
import { type PgColumn, PgDialect } from "drizzle-orm/pg-core";
import { type FieldNode, type GraphQLResolveInfo, getNamedType, isObjectType } from "graphql";
import type { Database } from "../../db/client.ts";
import { countRows, type Page, type PageRequest, pageQuery, toPage } from "../../db/pagination.ts";
import { toConnection } from "../connection.ts";
import { memoPerNode, variablesKey } from "../memo.ts";
import { type EntityPlan, type PageSpec, PLANNED, type PlannedRow } from "./entity.ts";
import { connectionNodes, type PlannedRelation, type Shape, shapeOf } from "./shape.ts";

/**
 * Look-ahead execution of a connection field: its page and every plannable relation the query
 * selects below it, in ONE statement whose JSON PostgreSQL builds. Each page is the same keyset page
 * query as the loaders' (src/db/pagination.ts: index ranges, size + 1 rows, the same order and
 * nulls placement), nested pages and to-one rows are correlated subqueries per row (an index range or
 * a primary-key lookup each). A row is a JSON array: [sort key as text, columns…, relations…];
 * a page is a JSON array of rows in fetch order.
 */

/** Whether the look-ahead runs for a request, and how many pages it planned (tests compare paths). */
export interface LookAhead {
  enabled: boolean;
  plans: number;
}

const ref = (alias: string, column: PgColumn) => sql`${sql.identifier(alias)}.${sql.identifier(column.name)}`;

/** Fresh subquery aliases within one statement (hs_j1, hs_j2, …): a level refers to its parent's. */
function aliases() {
  let n = 0;
  return () => `hs_j${++n}`;
}

function rowArray(shape: Shape, alias: string, next: () => string, lead: SQL[]): SQL {
  const cells = [
    ...lead,
    ...shape.values.map((v) => v.codec.select(ref(alias, v.column))),
    ...shape.relations.map((r) => relationSql(shape, r, alias, next)),
  ];
  return sql`json_build_array(${sql.join(cells, sql`, `)})`;
}

function pageSql(shape: Shape, spec: PageSpec, scope: SQL | undefined, next: () => string): SQL {
  const table = shape.plan.table;
  const a = next();
  const body = pageQuery(table, table.id, and(scope, spec.where), spec.sort, spec.request);
  const row = rowArray(shape, a, next, [sql`${ref(a, spec.sort.column)}::text`]);
  const order = sql`${sql.identifier(a)}.hs_part, ${sql.identifier(a)}.hs_rank`;
  return sql`(select coalesce(json_agg(${row} order by ${order}), '[]'::json) from (${body}) as ${sql.identifier(a)})`;
}

function relationSql(parent: Shape, r: PlannedRelation, parentAlias: string, next: () => string): SQL {
  if ("spec" in r) {
    const scope = sql`${r.relation.parent} = ${ref(parentAlias, parent.plan.table.id)}`;
    return pageSql(r.target, r.spec, scope, next);
  }
  const b = next();
  const target = r.target.plan.table;
  return sql`(select ${rowArray(r.target, b, next, [])} from ${target} as ${sql.identifier(b)} where ${ref(b, target.id)} = ${ref(parentAlias, r.relation.key)})`;
}

const notPlanned = () => Promise.reject(new Error("totalCount of a planned nested page was not planned"));

function decodeRow(shape: Shape, cells: unknown[], first: number): PlannedRow {
  const row: PlannedRow = {};
  let i = first;
  for (const v of shape.values) {
    const cell = cells[i++];
    row[v.key] = v.codec.decode ? v.codec.decode(cell) : cell;
  }
  if (shape.relations.length > 0) {
    const planned: unknown[] = new Array(2 * shape.relations.length);
    let j = 0;
    for (const r of shape.relations) {
      const cell = cells[i++];
      planned[j++] = r.key;
      if ("spec" in r) {
        const page = decodePage(r.target, r.spec.request, cell as unknown[][], notPlanned);
        planned[j++] = toConnection(page, r.spec.scope);
      } else {
        planned[j++] = cell == null ? null : decodeRow(r.target, cell as unknown[], 0);
      }
    }
    row[PLANNED] = planned;
  }
  return row;
}

function decodePage(
  shape: Shape,
  request: PageRequest,
  rows: unknown[][],
  totalCount: () => Promise<number>,
): Page<PlannedRow> {
  const fetched = rows.map((cells) => {
    const row = decodeRow(shape, cells, 1);
    return { row, sortKey: cells[0] as string | null, id: row.id as number };
  });
  return toPage(fetched, request, totalCount);
}

/** A root field's planned statement: the shape its rows decode by, the SQL text and parameters. */
interface Built {
  shape: Shape;
  query: Query;
}

/** Statements kept per field node; at most this many variable sets each (then that field's are dropped). */
const STATEMENTS_PER_FIELD = 64;
const dialect = new PgDialect();
const built = memoPerNode<FieldNode, Built | null>(STATEMENTS_PER_FIELD);

/**
 * A root field's planned answer: `run` of its statement, which `build` makes once per (field node,
 * variables): its shape and its page spec or key are functions of the parsed document (selection,
 * fragments, arguments, directives) and the variable values alone, so a repeated query neither walks
 * its selection nor builds its SQL again (server CPU per nested-list request 6.2–7.5 → 5.3–5.9 ms,
 * side by side). null when the look-ahead is off or the selection is not plannable.
 */
function planned<T>(
  ctx: { db: Database; lookAhead: LookAhead },
  info: GraphQLResolveInfo,
  build: () => Built | null,
  run: (statement: Built) => Promise<T>,
): Promise<T> | null {
  if (!ctx.lookAhead.enabled) return null;
  const statement = built(info.fieldNodes[0], variablesKey(info.variableValues), build);
  if (!statement) return null;
  ctx.lookAhead.plans++;
  return run(statement);
}

function buildPage(info: GraphQLResolveInfo, plan: EntityPlan, spec: PageSpec): Built | null {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return null;
  const nodes = connectionNodes(
    info,
    type,
    info.fieldNodes.map((n) => n.selectionSet),
    true,
  );
  if (!nodes || nodes.type.name !== plan.type) return null;
  const shape = shapeOf(info, plan, nodes.type, nodes.sets);
  if (!shape) return null;
  const statement = sql`select ${pageSql(shape, spec, undefined, aliases())}::text as hs_json`;
  return { shape, query: dialect.sqlToQuery(statement) };
}

/**
 * The page a root connection field resolves to, built with its selected relations in one statement;
 * null when the look-ahead is off or the selection is not plannable (the caller takes the loader
 * path). totalCount stays a separate statement, run only when selected, as on the loader path.
 */
export function planPage<Row>(
  ctx: { db: Database; lookAhead: LookAhead },
  info: GraphQLResolveInfo,
  plan: EntityPlan,
  spec: PageSpec,
): Promise<Page<Row>> | null {
  return planned(
    ctx,
    info,
    () => buildPage(info, plan, spec),
    (statement) => runPage(ctx.db, statement, spec) as Promise<Page<Row>>,
  );
}

/** The JSON text of a planned statement's one cell (hs_json), null when SQL null. */
async function runJson(db: Database, query: Query): Promise<string | null> {
  // What db.execute(sql) does once its SQL is built (the same unprepared statement on either backend).
  const prepared = db._.session.prepareQuery(query, undefined, undefined, false);
  const result = (await prepared.execute()) as
    | { hs_json: string | null }[]
    | { rows: { hs_json: string | null }[] };
  const [first] = Array.isArray(result) ? result : result.rows;
  return first?.hs_json ?? null;
}

async function runPage(db: Database, { shape, query }: Built, spec: PageSpec): Promise<Page<PlannedRow>> {
  const rows = JSON.parse((await runJson(db, query)) ?? "[]") as unknown[][];
  return decodePage(shape, spec.request, rows, () => countRows(db, shape.plan.table, spec.where));
}

/**
 * A root field resolving to the one `plan` row whose unique column `key` (a property of the table's
 * row: "id", "slug") equals `value`, with every plannable relation its query selects, in ONE
 * statement (the loader path reads the row, then each relation: two statements for a facility with
 * its operator). Resolves to null when no row matches; returns null when the look-ahead is off or
 * the selection is not plannable (the caller takes the loader path).
 */
export function planOne<Row>(
  ctx: { db: Database; lookAhead: LookAhead },
  info: GraphQLResolveInfo,
  plan: EntityPlan,
  key: string,
  value: string | number,
): Promise<Row | null> | null {
  return planned(
    ctx,
    info,
    () => buildOne(info, plan, key, value),
    async ({ shape, query }) => {
      const json = await runJson(ctx.db, query);
      return json === null ? null : (decodeRow(shape, JSON.parse(json) as unknown[], 0) as Row);
    },
  );
}

function buildOne(
  info: GraphQLResolveInfo,
  plan: EntityPlan,
  key: string,
  value: string | number,
): Built | null {
  const column = (getTableColumns(plan.table) as Record<string, PgColumn>)[key];
  if (!column) throw new Error(`${plan.type} has no column ${key}`);
  const type = getNamedType(info.returnType);
  if (!isObjectType(type) || type.name !== plan.type) return null;
  const shape = shapeOf(
    info,
    plan,
    type,
    info.fieldNodes.map((n) => n.selectionSet),
  );
  if (!shape) return null;
  const next = aliases();
  const a = next();
  const row = rowArray(shape, a, next, []);
  const statement = sql`select (select ${row} from ${plan.table} as ${sql.identifier(a)} where ${ref(a, column)} = ${value})::text as hs_json`;
  return { shape, query: dialect.sqlToQuery(statement) };
}
