/**
 * What kind of integrity rule a write broke (from the SQLSTATE of class 23). `foreign_key` covers
 * both a reference to a missing row and deleting a row still referenced (ON DELETE RESTRICT; then
 * `table` is the referencing table): PostgreSQL 18 reports the latter as 23001, 15 as 23503.
 */
export type ConstraintKind = "not_null" | "foreign_key" | "unique" | "check" | "exclusion";

/** A database refusal of a write, in terms the API can turn into a user error. */
export interface ConstraintViolation {
  kind: ConstraintKind;
  table: string;
  /** The constraint's name; for NOT NULL (unnamed before PostgreSQL 18) `<table>_<column>_not_null`. */
  constraint: string;
  /** The offending column: given by the server for NOT NULL, parsed from the detail for single-column keys. */
  column?: string;
  /** The server's detail line, e.g. `Key (slug)=(acme) already exists.` */
  detail?: string;
}

const kinds: Record<string, ConstraintKind> = {
  "23001": "foreign_key",
  "23502": "not_null",
  "23503": "foreign_key",
  "23505": "unique",
  "23514": "check",
  "23P01": "exclusion",
};

/** Driver errors carry the fields under different names: postgres.js `constraint_name`, PGlite `constraint`. */
interface DriverError {
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  table?: unknown;
  table_name?: unknown;
  column?: unknown;
  column_name?: unknown;
  detail?: unknown;
  cause?: unknown;
}

const str = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : undefined);

/** The driver's error inside whatever wraps it (Drizzle's DrizzleQueryError keeps it as `cause`). */
function driverError(error: unknown): DriverError | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const d = e as DriverError;
    if (typeof d.code === "string" && d.code in kinds) return d;
    e = d.cause;
  }
  return undefined;
}

/**
 * Recognises an integrity-constraint violation (SQLSTATE class 23) from either driver, however
 * wrapped; returns undefined for any other error.
 */
export function constraintViolation(error: unknown): ConstraintViolation | undefined {
  const d = driverError(error);
  if (!d) return undefined;
  const kind = kinds[d.code as string] as ConstraintKind;
  const table = str(d.table_name) ?? str(d.table) ?? "";
  const detail = str(d.detail);
  let column = str(d.column_name) ?? str(d.column);
  const keyColumns = detail?.match(/^Key \(([^)]*)\)=/)?.[1];
  if (!column && keyColumns && !keyColumns.includes(",")) column = keyColumns;
  const constraint =
    str(d.constraint_name) ?? str(d.constraint) ?? (kind === "not_null" ? `${table}_${column}_not_null` : "");
  return { kind, table, constraint, ...(column ? { column } : {}), ...(detail ? { detail } : {}) };
}
