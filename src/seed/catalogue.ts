import { join } from "node:path";
import type { z } from "zod";
import { SeedError, type SeedProblem } from "./errors.ts";
import { type Located, readRecords } from "./files.ts";
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
const entities = {
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
      problems.push({ ...at(rec), ...(field ? { field } : {}), message: `${what} ${where}` });
    } else seen.set(rec.key, rec);
  }
}

const at = (rec: Located<unknown>) => ({ file: rec.file, record: rec.record, key: rec.key });

/** The keys of every record of a folder, including records that failed validation. */
type Declared = Record<"sources" | "vendors" | "chips" | "facilities", Set<string>>;

/**
 * Checks that every slug and source URL a record refers to is declared in the seed. A reference to
 * a declared but invalid record is not reported again (its own problem already is).
 */
function checkReferences(c: SeedCatalogue, declared: Declared, problems: SeedProblem[]) {
  const defined = { vendor: declared.vendors, chip: declared.chips, facility: declared.facilities };
  const urls = declared.sources;
  const ref = (rec: Located<unknown>, kind: keyof typeof defined, field: string, slug: string | null) => {
    if (slug != null && !defined[kind].has(slug)) {
      problems.push({ ...at(rec), field, message: `unknown ${kind} "${slug}"` });
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
    const v = rec.value as { confidence?: string; note?: string | null };
    if (v.confidence === "ESTIMATED" && v.note == null) {
      problems.push({
        ...at(rec),
        field: "note",
        message: "an ESTIMATED figure needs its method (what it is derived from) in note",
      });
    }
    const cited = new Set<string>();
    rec.value.sources.forEach((citation, i) => {
      const u = typeof citation === "string" ? citation : citation.url;
      if (!urls.has(u))
        problems.push({
          ...at(rec),
          field: `sources[${i}]`,
          message: `unknown source "${u}" (not in sources/)`,
        });
      else if (cited.has(u))
        problems.push({ ...at(rec), field: `sources[${i}]`, message: `cites "${u}" twice` });
      cited.add(u);
    });
  }
  for (const v of c.vendors) {
    ref(v, "vendor", "parent", v.value.parent);
    if (v.value.parent === v.value.slug)
      problems.push({ ...at(v), field: "parent", message: "must not be the vendor itself" });
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
      ref(x, "vendor", `impacts[${i}].vendor`, imp.vendor);
      ref(x, "facility", `impacts[${i}].facility`, imp.facility);
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
 * Reads and checks a whole seed folder. Throws a SeedError listing every problem (invalid field,
 * unknown field, duplicate key, unknown reference) so that nothing is written from a bad seed.
 */
export function readCatalogue(dir: string): SeedCatalogue {
  const problems: SeedProblem[] = [];
  const declared: Declared = {
    sources: new Set(),
    vendors: new Set(),
    chips: new Set(),
    facilities: new Set(),
  };
  const read = <K extends keyof SeedCatalogue>(k: K) => {
    const e = entities[k];
    const keys = k in declared ? declared[k as keyof Declared] : undefined;
    return readRecords(join(dir, e.folder), e.schema, e.key, problems, keys) as SeedCatalogue[K];
  };
  const c: SeedCatalogue = {
    sources: read("sources"),
    vendors: read("vendors"),
    chips: read("chips"),
    facilities: read("facilities"),
    capacityPhases: read("capacityPhases"),
    deployments: read("deployments"),
    models: read("models"),
    outages: read("outages"),
    regulatoryEvents: read("regulatoryEvents"),
    disclosures: read("disclosures"),
    marketShares: read("marketShares"),
    dependencies: read("dependencies"),
  };
  checkUnique(c.sources, "url", problems);
  for (const k of ["vendors", "chips", "facilities", "models", "outages", "regulatoryEvents"] as const) {
    checkUnique(c[k], "slug", problems);
  }
  for (const k of ["deployments", "disclosures", "marketShares", "dependencies"] as const) {
    checkUnique(c[k], undefined, problems);
  }
  checkPhaseOrder(c.capacityPhases, problems);
  checkParentCycles(c.vendors, problems);
  checkReferences(c, declared, problems);
  if (problems.length > 0) throw new SeedError(problems);
  return c;
}
