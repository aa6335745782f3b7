import { badUserInput } from "./errors.ts";

/**
 * Global ids are opaque: base64url of "Type:id" where id is the row's integer key. Clients must not
 * parse them; the encoding may change.
 */
export function toGlobalId(type: string, id: number): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export interface DecodedGlobalId {
  type: string;
  id: number;
}

const shape = /^([A-Z][A-Za-z0-9]*):([1-9][0-9]{0,9})$/;

/** Decodes any well-formed global id; a malformed one is BAD_USER_INPUT naming `argument`. */
export function decodeGlobalId(value: string, argument: string): DecodedGlobalId {
  const text = /^[A-Za-z0-9_-]+$/.test(value) ? Buffer.from(value, "base64url").toString("utf8") : "";
  const match = shape.exec(text);
  const id = Number(match?.[2]);
  if (!match?.[1] || !Number.isSafeInteger(id) || id > 2_147_483_647) {
    throw badUserInput(`Malformed id "${value}"`, argument);
  }
  return { type: match[1], id };
}

/** Decodes a global id that must be of `type`; another type is BAD_USER_INPUT naming `argument`. */
export function decodeIdOf(type: string, value: string, argument: string): number {
  const decoded = decodeGlobalId(value, argument);
  if (decoded.type !== type) {
    throw badUserInput(`Id "${value}" is a ${decoded.type}, expected a ${type}`, argument);
  }
  return decoded.id;
}

/** Decodes a list of ids of one type (filters such as `operator: [ID!]`). */
export function decodeIdsOf(type: string, values: readonly string[], argument: string): number[] {
  return values.map((v) => decodeIdOf(type, v, argument));
}
