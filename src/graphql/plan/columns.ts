import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * A column as the planned statement selects it into JSON, and how its JSON value becomes exactly
 * the value Drizzle's mapper gives for that column (numbers, date strings, Date objects, enum labels,
 * strings), so a planned row is indistinguishable from a loaded one to every field resolver.
 */
export interface Codec {
  select: (ref: SQL) => SQL;
  decode?: (value: unknown) => unknown;
}

const asIs: Codec = { select: (ref) => ref };
/** Values whose JSON form is not Drizzle's (numeric, timestamps kept as text): sent as PostgreSQL text. */
const asText: Codec = { select: (ref) => sql`${ref}::text` };
/** float8 is a JSON number, except NaN and ±Infinity, which JSON renders as strings. */
const float: Codec = { select: (ref) => ref, decode: (v) => (typeof v === "string" ? Number(v) : v) };
/** timestamptz and date in JSON are ISO 8601 with the offset, which Date reads exactly (to the ms, as Drizzle). */
const instant: Codec = { select: (ref) => ref, decode: (v) => (v == null ? null : new Date(v as string)) };
/** timestamp without time zone is UTC to Drizzle. */
const utcInstant: Codec = { select: (ref) => ref, decode: (v) => (v == null ? null : new Date(`${v}Z`)) };

/** The codec of a column, or null for a column type the planner does not know (the page is not planned). */
export function codecOf(column: PgColumn): Codec | null {
  switch (column.columnType) {
    case "PgInteger":
    case "PgSmallInt":
    case "PgSerial":
    case "PgBigInt53":
    case "PgText":
    case "PgVarchar":
    case "PgUUID":
    case "PgEnumColumn":
    case "PgBoolean":
    case "PgDateString":
    case "PgJson":
    case "PgJsonb":
      return asIs;
    case "PgDoublePrecision":
    case "PgReal":
      return float;
    case "PgTimestamp":
      return (column as { withTimezone?: boolean }).withTimezone ? instant : utcInstant;
    case "PgDate":
      return instant;
    case "PgNumeric":
    case "PgTimestampString":
      return asText;
    case "PgArray": {
      const base = (column as unknown as { baseColumn?: PgColumn }).baseColumn;
      return base && codecOf(base) === asIs ? asIs : null;
    }
    default:
      return null;
  }
}
