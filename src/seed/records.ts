import { z } from "zod";
import {
  confidence,
  cooling,
  dependencyKind,
  disclosureKind,
  disclosureMetric,
  facilityStatus,
  hardwareClass,
  outageCause,
  regulatoryInstrument,
  regulatoryStage,
  regulatoryTopic,
  vendorKind,
} from "../../schema/db/enums.ts";

// The record formats of seeds/README.md. Objects are strict: an unknown field is an error.
// Optional fields accept `null` as "left out". Cross-field rules the database also enforces are
// repeated here so a bad record is reported with its file, index and field, not as a SQL error.
// These schemas are also the write API's validation (src/writes): a custom issue may carry
// `params.code` (DATE_ORDER, REQUIRED), which becomes the userError code, and `params.problem`, the
// import/seed problem code of src/seed/errors.ts.

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a slug (lower-case words joined by hyphens)");
const day = z.iso.date("must be a date YYYY-MM-DD");
const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 timestamp with an offset" });
const country = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 country code");
const subdivision = z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, "must be an ISO 3166-2 subdivision code");
const jurisdiction = z
  .string()
  .regex(/^([A-Z]{2}|[A-Z]{2}-[A-Z0-9]{1,3})$/, "must be an ISO 3166-1/3166-2 code or EU");
const text = z.string().trim().min(1, "must not be empty");
const url = z.string().regex(/^https?:\/\/\S+$/, "must be an http(s) URL");
const nonNegative = z.number().min(0);
const positive = z.number().positive();
const fraction = z.number().min(0).max(1);
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const enumOf = <T extends string>(values: readonly [T, ...T[]]) => z.enum(values);

const citation = z.union(
  [url, z.strictObject({ url, locator: opt(text) })],
  "must be a source URL or { url, locator }",
);

/** Fields every curated fact record carries. */
const fact = {
  confidence: enumOf(confidence.enumValues),
  note: opt(text),
  sources: z.array(citation).min(1),
};

/** The estimation rule (seeds/README.md): an ESTIMATED figure states its method in `note`. */
export const ESTIMATE_NEEDS_METHOD = "an ESTIMATED figure needs its method (what it is derived from) in note";

/** True when a fact record is ESTIMATED without the method that makes it an estimate. */
export function estimateWithoutMethod(record: { confidence?: string; note?: string | null }): boolean {
  return record.confidence === "ESTIMATED" && (record.note == null || record.note.trim() === "");
}

/** `later` must not precede `earlier` when both are given (ISO dates/timestamps compare as strings only for dates). */
function ordered<K extends string>(earlier: K, later: K, message: string) {
  return (record: Record<K, string | null>, ctx: z.RefinementCtx) => {
    const a = record[earlier];
    const b = record[later];
    if (a != null && b != null && Date.parse(b) < Date.parse(a)) {
      ctx.addIssue({
        code: "custom",
        path: [later],
        message,
        params: { code: "DATE_ORDER", problem: "DATES_OUT_OF_ORDER" },
      });
    }
  };
}

export const sourceRecord = z.strictObject({
  url,
  title: text,
  publisher: text,
  publishedOn: opt(day),
  retrievedOn: opt(day),
});

export const vendorRecord = z.strictObject({
  slug,
  name: text,
  kind: enumOf(vendorKind.enumValues),
  hqCountry: opt(country),
  parent: opt(slug),
  website: opt(url),
  ...fact,
});

export const chipRecord = z.strictObject({
  slug,
  name: text,
  designer: slug,
  foundry: opt(slug),
  processNode: opt(text),
  releaseDate: opt(day),
  tdpW: opt(positive),
  memoryGb: opt(positive),
  memoryType: opt(text),
  memoryBandwidthTbps: opt(positive),
  bf16DenseTflops: opt(nonNegative),
  fp8DenseTflops: opt(nonNegative),
  ...fact,
});

export const facilityRecord = z
  .strictObject({
    slug,
    name: text,
    operator: slug,
    country,
    subdivision: opt(subdivision),
    city: opt(text),
    latitude: opt(z.number().min(-90).max(90)),
    longitude: opt(z.number().min(-180).max(180)),
    gridRegion: opt(text),
    status: enumOf(facilityStatus.enumValues),
    announcedOn: opt(day),
    operationalOn: opt(day),
    decommissionedOn: opt(day),
    itPowerMw: opt(nonNegative),
    plannedItPowerMw: opt(nonNegative),
    facilityPowerMw: opt(nonNegative),
    plannedFacilityPowerMw: opt(nonNegative),
    rackDensityKwTypical: opt(nonNegative),
    rackDensityKwMax: opt(nonNegative),
    cooling: opt(enumOf(cooling.enumValues)),
    pue: opt(z.number().min(1)),
    wue: opt(nonNegative),
    ...fact,
  })
  .superRefine((f, ctx) => {
    if (f.subdivision && !f.subdivision.startsWith(`${f.country}-`)) {
      ctx.addIssue({
        code: "custom",
        path: ["subdivision"],
        message: `must be a subdivision of ${f.country}`,
      });
    }
    const { rackDensityKwTypical: typical, rackDensityKwMax: max } = f;
    if (typical != null && max != null && max < typical) {
      ctx.addIssue({
        code: "custom",
        path: ["rackDensityKwMax"],
        message: "must be >= rackDensityKwTypical",
      });
    }
    ordered("announcedOn", "operationalOn", "must not be before announcedOn")(f, ctx);
    ordered("operationalOn", "decommissionedOn", "must not be before operationalOn")(f, ctx);
  });

/**
 * One dated phase of a facility's capacity history (seeds/capacity-phases/): the IT MW and/or the
 * facility (total) MW its sources state from `effectiveOn`, and the status of that capacity.
 */
export const capacityPhaseRecord = z
  .strictObject({
    facility: slug,
    effectiveOn: day,
    itPowerMw: opt(nonNegative),
    facilityPowerMw: opt(nonNegative),
    status: enumOf(facilityStatus.enumValues),
    ...fact,
  })
  .superRefine((p, ctx) => {
    if (p.itPowerMw == null && p.facilityPowerMw == null) {
      ctx.addIssue({
        code: "custom",
        path: ["itPowerMw"],
        message: "itPowerMw or facilityPowerMw is required",
        params: { code: "REQUIRED", problem: "REQUIRED" },
      });
    }
  });

export const deploymentRecord = z.strictObject({
  facility: slug,
  chip: slug,
  acceleratorCount: z.number().int().min(0).max(2_147_483_647),
  asOf: day,
  ...fact,
});

export const modelRecord = z.strictObject({
  slug,
  name: text,
  developer: slug,
  releaseDate: opt(day),
  openWeights: z.boolean(),
  licence: opt(text),
  parametersB: opt(positive),
  minMemoryGb: opt(positive),
  smallestHardware: opt(enumOf(hardwareClass.enumValues)),
  ...fact,
});

const outageImpact = z
  .strictObject({ vendor: opt(slug), facility: opt(slug), region: opt(text) })
  .refine(
    (i) => i.vendor != null || i.facility != null || i.region != null,
    "must name a vendor, facility or region",
  );

export const outageRecord = z
  .strictObject({
    slug,
    title: text,
    startedAt: instant,
    endedAt: opt(instant),
    severity: z.number().int().min(1).max(5),
    cause: enumOf(outageCause.enumValues),
    servicesAffected: opt(z.array(text)),
    summary: opt(text),
    impacts: z.array(outageImpact).min(1),
    ...fact,
  })
  .superRefine(ordered("startedAt", "endedAt", "must not be before startedAt"));

export const regulatoryEventRecord = z.strictObject({
  slug,
  title: text,
  jurisdiction,
  authority: opt(text),
  instrument: enumOf(regulatoryInstrument.enumValues),
  stage: enumOf(regulatoryStage.enumValues),
  topics: z.array(enumOf(regulatoryTopic.enumValues)).min(1),
  announcedOn: opt(day),
  effectiveOn: opt(day),
  summary: opt(text),
  subjects: opt(z.strictObject({ vendors: opt(z.array(slug)), facilities: opt(z.array(slug)) })),
  ...fact,
});

export const disclosureRecord = z
  .strictObject({
    vendor: slug,
    periodStart: day,
    periodEnd: day,
    metric: enumOf(disclosureMetric.enumValues),
    kind: enumOf(disclosureKind.enumValues),
    value: z.number(),
    unit: text,
    ...fact,
  })
  .superRefine(ordered("periodStart", "periodEnd", "must not be before periodStart"));

export const marketShareRecord = z
  .strictObject({
    segment: slug,
    vendor: slug,
    periodStart: day,
    periodEnd: day,
    share: opt(fraction),
    value: opt(nonNegative),
    unit: opt(text),
    basis: text,
    ...fact,
  })
  .superRefine((m, ctx) => {
    if (m.share == null && m.value == null) {
      ctx.addIssue({
        code: "custom",
        path: ["share"],
        message: "share or value is required",
        params: { code: "REQUIRED", problem: "REQUIRED" },
      });
    }
    if (m.value != null && m.unit == null) {
      ctx.addIssue({
        code: "custom",
        path: ["unit"],
        message: "is required with value",
        params: { code: "REQUIRED", problem: "REQUIRED" },
      });
    }
    ordered("periodStart", "periodEnd", "must not be before periodStart")(m, ctx);
  });

export const dependencyRecord = z
  .strictObject({
    dependent: slug,
    providerVendor: opt(slug),
    providerFacility: opt(slug),
    kind: enumOf(dependencyKind.enumValues),
    weight: opt(fraction),
    since: opt(day),
    until: opt(day),
    ...fact,
  })
  .superRefine((d, ctx) => {
    if ((d.providerVendor == null) === (d.providerFacility == null)) {
      ctx.addIssue({
        code: "custom",
        path: ["providerVendor"],
        message: "exactly one of providerVendor and providerFacility is required",
      });
    }
    if (d.providerVendor != null && d.providerVendor === d.dependent) {
      ctx.addIssue({ code: "custom", path: ["providerVendor"], message: "must not be the dependent itself" });
    }
    ordered("since", "until", "must not be before since")(d, ctx);
  });

export type SourceRecord = z.infer<typeof sourceRecord>;
export type VendorRecord = z.infer<typeof vendorRecord>;
export type ChipRecord = z.infer<typeof chipRecord>;
export type FacilityRecord = z.infer<typeof facilityRecord>;
export type CapacityPhaseRecord = z.infer<typeof capacityPhaseRecord>;
export type DeploymentRecord = z.infer<typeof deploymentRecord>;
export type ModelRecord = z.infer<typeof modelRecord>;
export type OutageRecord = z.infer<typeof outageRecord>;
export type RegulatoryEventRecord = z.infer<typeof regulatoryEventRecord>;
export type DisclosureRecord = z.infer<typeof disclosureRecord>;
export type MarketShareRecord = z.infer<typeof marketShareRecord>;
export type DependencyRecord = z.infer<typeof dependencyRecord>;
export type Citation = z.infer<typeof citation>;
