import { join } from "node:path";
import type { z } from "zod";
import { SeedError, type SeedProblem } from "./errors.ts";
import { type Located, type RawRecord, readYamlFolder, validateRecords } from "./files.ts";
import * as r from "./records.ts";

/** Every record of a seed folder, validated, with unique natural keys and resolvable references. */
export interface SeedCatalogue {
  sources: Located<r.SourceRecord>[];
  vendors: Located<r.VendorRecord>[];
  chips: Located<r.ChipRecord>[];
  facilities: Located<r.FacilityRecord>[];
  capacityPhases: Located<r.CapacityPhaseRecord>[];
  deployments: Located<r.DeploymentRecord>[];
  models: Located<r.ModelRecord>[];
  outages: Located<r.OutageRecord>[];
  regulatoryEvents: Located<r.RegulatoryEventRecord>[];
  disclosures: Located<r.DisclosureRecord>[];
  marketShares: Located<r.MarketShareRecord>[];
  dependencies: Located<r.DependencyRecord>[];
}

type Raw = Record<string, unknown>;
const s = (v: unknown) => (v == null ? "" : String(v));
const bySlug = (raw: Raw) => (typeof raw.slug === "string" ? raw.slug : undefined);

/** The folder, schema and natural key (as text) of each entity; keys match seeds/README.md. */
export const entities = {
  sources: { folder: "sources", schema: r.sourceRecord, key: (x: Raw) => s(x.url) || undefined },
  vendors: { folder: "vendors", schema: r.vendorRecord, key: bySlug },
  chips: { folder: "chips", schema: r.chipRecord, key: bySlug },
  facilities: { folder: "facilities", schema: r.facilityRecord, key: bySlug },
  capacityPhases: {
    folder: "capacity-phases",
    schema: r.capacityPhaseRecord,
    key: (x: Raw) => `${s(x.facility)}@${s(x.effectiveOn)}`,
  },
  deployments: {
    folder: "deployments",
    schema: r.deploymentRecord,
    key: (x: Raw) => `${s(x.facility)}/${s(x.chip)}@${s(x.asOf)}`,
  },
  models: { folder: "models", schema: r.modelRecord, key: bySlug },
  outages: { folder: "outages", schema: r.outageRecord, key: bySlug },
  regulatoryEvents: { folder: "regulatory-events", schema: r.regulatoryEventRecord, key: bySlug },
  disclosures: {
    folder: "disclosures",
    schema: r.disclosureRecord,
    key: (x: Raw) => `${s(x.vendor)}/${s(x.metric)}/${s(x.kind)}@${s(x.periodStart)}..${s(x.periodEnd)}`,
  },
  marketShares: {
    folder: "market-shares",
    schema: r.marketShareRecord,
    key: (x: Raw) => `${s(x.segment)}/${s(x.vendor)}/${s(x.basis)}@${s(x.periodStart)}..${s(x.periodEnd)}`,
  },
  dependencies: {
    folder: "dependencies",
    schema: r.dependencyRecord,
    key: (x: Raw) =>
      `${s(x.dependent)}->${s(x.providerVendor ?? (x.providerFacility != null ? `facility:${s(x.providerFacility)}` : ""))}/${s(x.kind)}@${s(x.since)}`,
  },
} satisfies Record<
  keyof SeedCatalogue,
  { folder: string; schema: z.ZodType; key: (x: Raw) => string | undefined }
>;

/** Reports a second record with the same natural key. */
function checkUnique(records: Located<unknown>[], field: string | undefined, problems: SeedProblem[]) {
  const seen = new Map<string, Located<unknown>>();
  for (const rec of records) {
    const first = seen.get(rec.key);
    if (first) {
      const where =
        first.file === rec.file ? `record ${first.record}` : `${first.file} record ${first.record}`;
      const what = field ? "duplicate of" : "same natural key as";
      problems.push({
        ...at(rec),
        ...(field ? { field } : {}),
        code: "DUPLICATE_KEY",
        message: `${what} ${where}`,
      });
    } else seen.set(rec.key, rec);
  }
}

const at = (rec: Located<unknown>) => ({
  file: rec.file,
  record: rec.record,
  ...(rec.line !== undefined ? { line: rec.line } : {}),
  key: rec.key,
});

/** The keys of every record of a folder, including records that failed validation. */
type Declared = Record<"sources" | "vendors" | "chips" | "facilities", Set<string>>;

/** Keys that exist outside the records being checked (e.g. already in the database), by entity. */
export type KnownKeys = Partial<Record<keyof Declared, ReadonlySet<string>>>;

/**
 * Checks that every slug and source URL a record refers to is declared in the seed. A reference to
 * a declared but invalid record is not reported again (its own problem already is).
 */
function checkReferences(c: SeedCatalogue, declared: Declared, problems: SeedProblem[]) {
  const defined = { vendor: declared.vendors, chip: declared.chips, facility: declared.facilities };
  const urls = declared.sources;
  const ref = (rec: Located<unknown>, kind: keyof typeof defined, field: string, slug: string | null) => {
    if (slug != null && !defined[kind].has(slug)) {
      problems.push({ ...at(rec), field, code: "UNKNOWN_REFERENCE", message: `unknown ${kind} "${slug}"` });
    }
  };
  const facts: Located<{ sources: r.Citation[] }>[] = [
    ...c.vendors,
    ...c.chips,
    ...c.facilities,
    ...c.capacityPhases,
    ...c.deployments,
    ...c.models,
    ...c.outages,
    ...c.regulatoryEvents,
    ...c.disclosures,
    ...c.marketShares,
    ...c.dependencies,
  ];
  for (const rec of facts) {
    if (r.estimateWithoutMethod(rec.value as { confidence?: string; note?: string | null })) {
      problems.push({ ...at(rec), field: "note", message: r.ESTIMATE_NEEDS_METHOD });
    }
    const cited = new Set<string>();
    rec.value.sources.forEach((citation, i) => {
      if (citation == null) return; // an invalid record's malformed citation (already reported)
      const u = typeof citation === "string" ? citation : citation.url;
      if (!urls.has(u))
        problems.push({
          ...at(rec),
          field: `sources[${i}]`,
          code: "UNKNOWN_SOURCE",
          message: `unknown source "${u}" (not in sources/)`,
        });
      else if (cited.has(u))
        problems.push({
          ...at(rec),
          field: `sources[${i}]`,
          code: "DUPLICATE_SOURCE",
          message: `cites "${u}" twice`,
        });
      cited.add(u);
    });
  }
  for (const v of c.vendors) {
    ref(v, "vendor", "parent", v.value.parent);
    if (v.value.parent === v.value.slug)
      problems.push({
        ...at(v),
        field: "parent",
        code: "INVALID_VALUE",
        message: "must not be the vendor itself",
      });
  }
  for (const x of c.chips) {
    ref(x, "vendor", "designer", x.value.designer);
    ref(x, "vendor", "foundry", x.value.foundry);
  }
  for (const x of c.facilities) ref(x, "vendor", "operator", x.value.operator);
  for (const x of c.capacityPhases) ref(x, "facility", "facility", x.value.facility);
  for (const x of c.deployments) {
    ref(x, "facility", "facility", x.value.facility);
    ref(x, "chip", "chip", x.value.chip);
  }
  for (const x of c.models) ref(x, "vendor", "developer", x.value.developer);
  for (const x of c.outages) {
    x.value.impacts.forEach((imp, i) => {
      ref(x, "vendor", `impacts[${i}].vendor`, imp.vendor ?? null);
      ref(x, "facility", `impacts[${i}].facility`, imp.facility ?? null);
    });
  }
  for (const x of c.regulatoryEvents) {
    x.value.subjects?.vendors?.forEach((v, i) => {
      ref(x, "vendor", `subjects.vendors[${i}]`, v);
    });
    x.value.subjects?.facilities?.forEach((f, i) => {
      ref(x, "facility", `subjects.facilities[${i}]`, f);
    });
  }
  for (const x of c.disclosures) ref(x, "vendor", "vendor", x.value.vendor);
  for (const x of c.marketShares) ref(x, "vendor", "vendor", x.value.vendor);
  for (const x of c.dependencies) {
    ref(x, "vendor", "dependent", x.value.dependent);
    ref(x, "vendor", "providerVendor", x.value.providerVendor);
    ref(x, "facility", "providerFacility", x.value.providerFacility);
  }
}

/** Reports a vendor whose parent chain leads back to itself (a roll-up cycle), once per vendor. */
function checkParentCycles(vendors: Located<r.VendorRecord>[], problems: SeedProblem[]) {
  const parentOf = new Map(vendors.map((v) => [v.value.slug, v.value.parent]));
  for (const v of vendors) {
    const seen = new Set<string>([v.value.slug]);
    let p = v.value.parent;
    while (p != null && p !== v.value.slug && !seen.has(p)) {
      seen.add(p);
      p = parentOf.get(p) ?? null;
    }
    if (p === v.value.slug && v.value.parent !== v.value.slug) {
      problems.push({
        ...at(v),
        field: "parent",
        message: `parent chain ${[...seen, v.value.slug].join(" -> ")} is a cycle (a vendor cannot be its own ancestor)`,
      });
    }
  }
}

/**
 * Per facility, capacity phases must be listed in date order and never share a date (two phases on
 * one day would overlap). Order is the folder's reading order (files by name, records in file order).
 */
function checkPhaseOrder(phases: Located<r.CapacityPhaseRecord>[], problems: SeedProblem[]) {
  const last = new Map<string, Located<r.CapacityPhaseRecord>>();
  for (const p of phases) {
    const before = last.get(p.value.facility);
    if (before) {
      const where =
        before.file === p.file ? `record ${before.record}` : `${before.file} record ${before.record}`;
      if (p.value.effectiveOn === before.value.effectiveOn) {
        problems.push({
          ...at(p),
          field: "effectiveOn",
          message: `overlaps the phase of ${where} (same facility and date)`,
        });
        continue;
      }
      if (p.value.effectiveOn < before.value.effectiveOn) {
        problems.push({
          ...at(p),
          field: "effectiveOn",
          message: `out of date order: ${p.value.effectiveOn} is before the phase of ${where} (${before.value.effectiveOn})`,
        });
        continue;
      }
    }
    last.set(p.value.facility, p);
  }
}

/**
 * The reference fields of an invalid record, each kept only when it has the right shape (a string,
 * a list of citations…; anything else becomes null, keeping list positions), for checkReferences.
 */
function referenceShape(raw: Record<string, unknown>): never {
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v != null && typeof v === "object" && !Array.isArray(v);
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const subjects = isObject(raw.subjects) ? raw.subjects : {};
  const fields = ["slug", "parent", "designer", "foundry", "operator", "facility", "chip", "developer"];
  const more = ["vendor", "dependent", "providerVendor", "providerFacility"];
  return {
    ...Object.fromEntries([...fields, ...more].map((f) => [f, str(raw[f])])),
    sources: list(raw.sources).map((x) =>
      typeof x === "string" || (isObject(x) && typeof x.url === "string") ? x : null,
    ),
    impacts: list(raw.impacts).map((i) =>
      isObject(i) ? { vendor: str(i.vendor), facility: str(i.facility) } : {},
    ),
    subjects: { vendors: list(subjects.vendors).map(str), facilities: list(subjects.facilities).map(str) },
  } as never;
}

/** The records of every entity as read from files, before validation. */
export type RawCatalogue = Record<keyof SeedCatalogue, RawRecord[]>;

/** Every entity of the catalogue, in dependency order. */
const entityKeys = Object.keys(entities) as (keyof SeedCatalogue)[];

/** Reads the YAML files of a seed folder (one sub-folder per entity), unvalidated. */
export function readRawCatalogue(dir: string, problems: SeedProblem[]): RawCatalogue {
  return Object.fromEntries(
    entityKeys.map((k) => [k, readYamlFolder(join(dir, entities[k].folder), problems)]),
  ) as RawCatalogue;
}

/**
 * Validates raw records of every entity and checks them together: unique natural keys, and every
 * reference resolvable to a record of the catalogue or to a `known` key (rows already in the
 * database, for an import). Throws a SeedError listing every problem, including `problems` found
 * while reading, so that nothing is written from bad input.
 */
export function checkCatalogue(
  raw: RawCatalogue,
  options: { problems?: SeedProblem[]; known?: KnownKeys } = {},
): SeedCatalogue {
  const problems = options.problems ?? [];
  const known = options.known ?? {};
  const declared: Declared = {
    sources: new Set(known.sources),
    vendors: new Set(known.vendors),
    chips: new Set(known.chips),
    facilities: new Set(known.facilities),
  };
  const rejected = Object.fromEntries(entityKeys.map((k) => [k, []])) as unknown as Record<
    keyof SeedCatalogue,
    Located<Record<string, unknown>>[]
  >;
  const read = <K extends keyof SeedCatalogue>(k: K) => {
    const e = entities[k];
    const keys = k in declared ? declared[k as keyof Declared] : undefined;
    return validateRecords(raw[k] ?? [], e.schema, e.key, problems, keys, rejected[k]) as SeedCatalogue[K];
  };
  const c = Object.fromEntries(entityKeys.map((k) => [k, read(k)])) as unknown as SeedCatalogue;
  // Invalid records take part in the key and reference checks too (as far as their fields have the
  // right shape), so one run lists every problem of a record, not only its first kind.
  const all = <K extends keyof SeedCatalogue>(k: K) =>
    [...c[k], ...rejected[k].filter((r) => r.key !== "")].sort((a, b) =>
      a.file === b.file ? a.record - b.record : a.file < b.file ? -1 : 1,
    ) as Located<unknown>[];
  checkUnique(all("sources"), "url", problems);
  for (const k of ["vendors", "chips", "facilities", "models", "outages", "regulatoryEvents"] as const) {
    checkUnique(all(k), "slug", problems);
  }
  for (const k of ["deployments", "disclosures", "marketShares", "dependencies"] as const) {
    checkUnique(all(k), undefined, problems);
  }
  checkPhaseOrder(c.capacityPhases, problems);
  checkParentCycles(c.vendors, problems);
  checkReferences(c, declared, problems);
  const shaped = Object.fromEntries(
    entityKeys.map((k) => [k, rejected[k].map((r) => ({ ...r, value: referenceShape(r.value) }))]),
  ) as unknown as SeedCatalogue;
  checkReferences(shaped, declared, problems);
  if (problems.length > 0) throw new SeedError(problems);
  return c;
}

/**
 * Reads and checks a whole seed folder. Throws a SeedError listing every problem (invalid field,
 * unknown field, duplicate key, unknown reference) so that nothing is written from a bad seed.
 */
export function readCatalogue(dir: string): SeedCatalogue {
  const problems: SeedProblem[] = [];
  return checkCatalogue(readRawCatalogue(dir, problems), { problems });
}
