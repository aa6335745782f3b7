import type { ConstraintKind } from "../../src/db/errors.ts";
import { insert, type Row } from "./rows.ts";

/** One bad write and the constraint that must refuse it. */
export interface Case {
  /** What the bad row is, in the domain's words. */
  name: string;
  statement: string;
  kind: ConstraintKind;
  table: string;
  constraint: string;
  column?: string;
}

/** A case that inserts the table's valid row with `changes`, or runs `statement` when given as a string. */
export const caseOf =
  (kind: ConstraintKind) =>
  (name: string, table: string, constraint: string, change: Row | string, column?: string): Case => ({
    name,
    statement: typeof change === "string" ? change : insert(table, change),
    kind,
    table,
    constraint,
    ...(column ? { column } : {}),
  });
