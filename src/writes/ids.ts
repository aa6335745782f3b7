import { GraphQLError } from "graphql";
import { decodeIdOf } from "../graphql/ids.ts";
import { userError, WriteRefused } from "./user-errors.ts";

/** The database id of a global id given in a write's input; a malformed id or one of another type is INVALID. */
export function inputIdOf(type: string, value: string, field: string[]): number {
  try {
    return decodeIdOf(type, value, field.join("."));
  } catch (error) {
    if (error instanceof GraphQLError) throw new WriteRefused([userError(field, "INVALID", error.message)]);
    throw error;
  }
}
