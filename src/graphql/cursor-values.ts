import type { Column } from "drizzle-orm";
import type { Position } from "../db/pagination.ts";
import { badUserInput } from "./errors.ts";

/**
 * A cursor's position is sent to PostgreSQL as text to compare with the sort column (and the id
 * with the integer key), so a forged cursor must carry values of the column's type: an int4 id, a
 * number, a date or timestamp of years 1..9999, an enum label, or text without NUL. Anything else is
 * BAD_USER_INPUT naming `argument` (before any SQL), never a database error.
 */
const INT4_MAX = 2_147_483_647;
const integer = /^-?\d{1,19}$/;
const decimal = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?$/;
const date = /^(\d{4})-(\d{2})-(\d{2})$/;
const timestamp = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:\d{2}(\.\d{1,6})?)?([+-]\d{2}(:?\d{2})?|Z)?$/;

function validDay(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const when = new Date(Date.UTC(year, Number(m) - 1, Number(d)));
  return year >= 1 && when.getUTCMonth() === Number(m) - 1 && when.getUTCDate() === Number(d);
}

function fits(column: Column, value: string): boolean {
  if (value.includes("\u0000") || value.length > 10_000) return false;
  const type = column.getSQLType().toLowerCase();
  const labels = (column as { enumValues?: readonly string[] }).enumValues;
  if (labels && labels.length > 0 && column.columnType.includes("Enum")) return labels.includes(value);
  if (/^(smallint|integer|int|int4|serial)\b/.test(type)) {
    return (
      integer.test(value) && Math.abs(Number(value)) <= (type.startsWith("smallint") ? 32_767 : INT4_MAX)
    );
  }
  if (/^(bigint|bigserial|int8)\b/.test(type))
    return integer.test(value) && Number.isSafeInteger(Number(value));
  if (/^(numeric|decimal|real|double precision|float)/.test(type))
    return decimal.test(value) && Number.isFinite(Number(value));
  if (type === "date") {
    const m = date.exec(value);
    return !!m && validDay(m[1] as string, m[2] as string, m[3] as string);
  }
  if (type.startsWith("timestamp")) {
    const m = timestamp.exec(value);
    return (
      !!m &&
      validDay(m[1] as string, m[2] as string, m[3] as string) &&
      Number(m[4]) < 24 &&
      Number(m[5]) < 60
    );
  }
  return true; // text-like
}

/** Validates a decoded cursor position against the list's sort column. */
export function checkPosition(column: Column, position: Position | null, argument: string): void {
  if (!position) return;
  if (!Number.isSafeInteger(position.id) || position.id < 1 || position.id > INT4_MAX) {
    throw badUserInput(`Malformed cursor: row id ${position.id} is out of range`, argument);
  }
  if (position.value !== null && !fits(column, position.value)) {
    throw badUserInput("Malformed cursor: its sort value does not fit the list's ordering", argument);
  }
}
