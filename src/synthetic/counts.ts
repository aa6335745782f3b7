/**
 * How many rows a scale asks for. Scale 1 ≈ 10k vendors, 100k facilities, 200k outages with ~1M
 * impacts, 50k regulatory events; each entity keeps a small minimum so tiny test scales still cover
 * every kind. Tables not listed here (deployments, impacts, subjects, disclosures, market shares,
 * dependencies) follow from these by the generators' rules.
 */
export const VENDOR_KINDS = [
  "HYPERSCALER",
  "NEOCLOUD",
  "COLOCATION",
  "CHIP_DESIGNER",
  "FOUNDRY",
  "MODEL_LAB",
  "UTILITY",
  "OTHER",
] as const;
export type VendorKind = (typeof VENDOR_KINDS)[number];

/** Vendors per kind at scale 1: a handful of hyperscalers and foundries, a long tail of others. */
const VENDORS_AT_SCALE_1: Record<VendorKind, number> = {
  HYPERSCALER: 40,
  NEOCLOUD: 600,
  COLOCATION: 2000,
  CHIP_DESIGNER: 200,
  FOUNDRY: 40,
  MODEL_LAB: 1000,
  UTILITY: 800,
  OTHER: 5320,
};

export interface PlannedCounts {
  vendorsByKind: Record<VendorKind, number>;
  vendors: number;
  chips: number;
  facilities: number;
  outages: number;
  regulatoryEvents: number;
  models: number;
}

const scaled = (atScale1: number, scale: number, minimum: number) =>
  Math.max(minimum, Math.round(atScale1 * scale));

export function plannedCounts(scale: number): PlannedCounts {
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new RangeError(`scale must be a positive number, got ${scale}`);
  const vendorsByKind = Object.fromEntries(
    VENDOR_KINDS.map((k) => [k, scaled(VENDORS_AT_SCALE_1[k], scale, 2)]),
  ) as Record<VendorKind, number>;
  return {
    vendorsByKind,
    vendors: Object.values(vendorsByKind).reduce((a, b) => a + b, 0),
    chips: scaled(300, scale, 6),
    facilities: scaled(100_000, scale, 20),
    outages: scaled(200_000, scale, 10),
    regulatoryEvents: scaled(50_000, scale, 10),
    models: scaled(3_000, scale, 6),
  };
}
