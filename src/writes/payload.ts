import { constraintViolation } from "../db/errors.ts";
import { type UserError, userError, WriteRefused } from "./user-errors.ts";

/** What every mutation returns: its result fields, or none with the userErrors that refused it. */
export type Payload<T> = (T & { userErrors: UserError[] }) | { userErrors: UserError[] };

/**
 * Runs a write (which opens its own transaction) and shapes the Shopify-style payload: the result
 * with empty userErrors, or the userErrors of a WriteRefused. A constraint the database enforces
 * but the checks before it missed (a concurrent insert of the same key, a row referenced meanwhile)
 * also becomes a userError, never a 500: unique → DUPLICATE, foreign key → IN_USE on delete and
 * UNKNOWN_REFERENCE otherwise, check / not null → INVALID. Anything else is a bug and is rethrown.
 */
export async function payloadOf<T extends object>(
  work: () => Promise<T>,
  options: { deleting?: boolean } = {},
): Promise<Payload<T>> {
  try {
    return { ...(await work()), userErrors: [] };
  } catch (error) {
    if (error instanceof WriteRefused) return { userErrors: error.userErrors };
    const v = constraintViolation(error);
    if (!v) throw error;
    const field = v.column ? ["input", v.column] : null;
    const detail = v.detail ? ` (${v.detail})` : "";
    if (v.kind === "unique")
      return { userErrors: [userError(field, "DUPLICATE", `already exists${detail}`)] };
    if (v.kind === "foreign_key") {
      return options.deleting
        ? { userErrors: [userError(null, "IN_USE", `still referenced by ${v.table}${detail}`)] }
        : { userErrors: [userError(field, "UNKNOWN_REFERENCE", `refers to a missing row${detail}`)] };
    }
    return { userErrors: [userError(field, "INVALID", `refused by the database: ${v.constraint}${detail}`)] };
  }
}
