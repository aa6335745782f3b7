import type { EntityName } from "./entities.ts";
import { fieldsOf } from "./entities.ts";

// The one written form of a record, shared by export (records read from the database) and import
// (records read from a file, after validation): fields in seeds/README.md order, absent/null fields
// and empty optional lists left out, instants in UTC (`2025-10-20T06:48:00Z`), citations and outage
// impacts and regulatory subjects sorted. Two records are the same fact state exactly when their
// canonical JSON texts are equal (this is how import tells created/updated/unchanged).

type Raw = Record<string, unknown>;

/** Fields holding a timestamp; written as ISO 8601 in UTC, milliseconds only when non-zero. */
const instants = new Set(["startedAt", "endedAt"]);

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function instant(value: unknown): unknown {
  if (typeof value !== "string" && typeof value !== "number") return value;
  const ms = typeof value === "number" ? value : Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().replace(".000Z", "Z");
}

/** Keeps the given keys of an object in order, leaving out null and undefined. */
function compact(value: Raw, keys: string[]): Raw {
  const out: Raw = {};
  for (const k of keys) if (value[k] != null) out[k] = value[k];
  return out;
}

function citations(list: unknown): unknown[] {
  const items = (Array.isArray(list) ? list : []).map((c) => {
    if (typeof c === "string") return c;
    const { url, locator } = c as { url: string; locator?: string | null };
    return locator == null ? url : { url, locator };
  });
  const urlOf = (c: unknown) => (typeof c === "string" ? c : (c as { url: string }).url);
  return items.sort((a, b) => byCodeUnits(urlOf(a), urlOf(b)));
}

function impacts(list: unknown): unknown[] {
  const items = (Array.isArray(list) ? list : []).map((i) =>
    compact(i as Raw, ["vendor", "facility", "region"]),
  );
  return items.sort((a, b) => byCodeUnits(JSON.stringify(a), JSON.stringify(b)));
}

function subjects(value: unknown): Raw | undefined {
  if (value == null) return undefined;
  const v = value as { vendors?: string[] | null; facilities?: string[] | null };
  const out: Raw = {};
  if (v.vendors?.length) out.vendors = [...v.vendors].sort(byCodeUnits);
  if (v.facilities?.length) out.facilities = [...v.facilities].sort(byCodeUnits);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The canonical form of one record of `entity` (see the comment at the top of this file). */
export function canonicalRecord(entity: EntityName, record: Raw): Raw {
  const out: Raw = {};
  for (const field of fieldsOf(entity)) {
    let v = record[field];
    if (field === "sources") v = citations(v);
    else if (field === "impacts") v = impacts(v);
    else if (field === "subjects") v = subjects(v);
    else if (field === "servicesAffected") v = Array.isArray(v) && v.length > 0 ? v : undefined;
    else if (instants.has(field)) v = instant(v);
    if (v != null) out[field] = v;
  }
  return out;
}
