/**
 * Every constant of the risk index (DESIGN §3) in one place. Each component c_k is in [0, 1];
 * score = 100 · Σ w_k · c_k. A component with no data for a subject counts as 0 and says so in its note.
 */

export const SUBJECT_KINDS = ["FACILITY", "VENDOR", "JURISDICTION"] as const;
export type RiskSubjectKind = (typeof SUBJECT_KINDS)[number];

export const COMPONENTS = [
  "POWER_DENSITY",
  "OUTAGE_HISTORY",
  "REGULATORY_EXPOSURE",
  "SYSTEMIC_IMPORTANCE",
  "ENVIRONMENT",
  "SUPPLY_CONCENTRATION",
] as const;
export type RiskComponent = (typeof COMPONENTS)[number];

/**
 * Default weights per subject kind (each set sums to 1). SUPPLY_CONCENTRATION applies to vendors only
 * (facilities and jurisdictions do not buy chips as a unit); a query may give it weight elsewhere and
 * it then counts 0 with a note.
 */
export const DEFAULT_WEIGHTS: Record<RiskSubjectKind, Partial<Record<RiskComponent, number>>> = {
  FACILITY: {
    POWER_DENSITY: 0.25,
    OUTAGE_HISTORY: 0.25,
    REGULATORY_EXPOSURE: 0.2,
    SYSTEMIC_IMPORTANCE: 0.15,
    ENVIRONMENT: 0.15,
  },
  VENDOR: {
    POWER_DENSITY: 0.1,
    OUTAGE_HISTORY: 0.2,
    REGULATORY_EXPOSURE: 0.15,
    SYSTEMIC_IMPORTANCE: 0.25,
    ENVIRONMENT: 0.1,
    SUPPLY_CONCENTRATION: 0.2,
  },
  JURISDICTION: {
    POWER_DENSITY: 0.2,
    OUTAGE_HISTORY: 0.2,
    REGULATORY_EXPOSURE: 0.3,
    SYSTEMIC_IMPORTANCE: 0.2,
    ENVIRONMENT: 0.1,
  },
};

/** The components a subject kind has: those with a default weight (any other counts 0 with a note). */
export const componentsOf = (kind: RiskSubjectKind): RiskComponent[] =>
  COMPONENTS.filter((c) => DEFAULT_WEIGHTS[kind][c] !== undefined);

/** POWER_DENSITY = clamp((typical rack kW − 40) / (250 − 40), 0, 1): Omdia's 40–250 kW AI-rack band. */
export const RACK_KW_LOW = 40;
export const RACK_KW_HIGH = 250;

/**
 * OUTAGE_HISTORY = min(1, Σ severity/5 · 0.5^(age_days / 365)) over outages started on or before asOf
 * that hit the subject (Uptime Institute severity 1..5; a severity-5 outage today alone saturates it;
 * its weight halves every year). Days are UTC days. Migration 0007's hyperscope_outage_epoch_weight
 * (the maintained outage totals) writes the same two constants in SQL; test/indices/outage-hits.test.ts
 * checks the totals against this formula.
 */
export const SEVERITY_MAX = 5;
export const OUTAGE_HALF_LIFE_DAYS = 365;

/**
 * REGULATORY_EXPOSURE = 1 − Π (1 − w_stage) over the rules on these topics in the subject's
 * jurisdictions announced (or, when no announcement date is known, effective) on or before asOf.
 * The stage is the rule's current stage (the data model keeps no stage history).
 */
export const REGULATED_TOPICS = ["POWER", "CARBON", "WATER", "GRID_CONNECTION", "DATA_SOVEREIGNTY"] as const;
export const STAGE_WEIGHTS = {
  PROPOSED: 0.25,
  PASSED: 0.5,
  ENACTED: 0.75,
  IN_FORCE: 1,
  REPEALED: 0,
  WITHDRAWN: 0,
} as const;

/**
 * ENVIRONMENT = mean of the known parts: PUE part clamp((PUE − 1.2) / (2.0 − 1.2), 0, 1) (1.2 ≈ best
 * large sites, 2.0 ≈ an inefficient legacy site) and WUE part clamp(WUE / 1.8, 0, 1) with 1.8 L/kWh the
 * US data-center average WUE reported by LBNL's 2016 "United States Data Center Energy Usage Report"
 * (Shehabi et al.), WUE as defined by The Green Grid (litres of site water per kWh of IT energy).
 */
export const PUE_BEST = 1.2;
export const PUE_WORST = 2.0;
export const WUE_REFERENCE_L_PER_KWH = 1.8;

/**
 * SYSTEMIC_IMPORTANCE = ½ · capacity / max capacity + ½ · dependents / max dependents, each maximum over
 * all subjects of the kind at asOf (a part whose maximum is 0 counts 0). Capacity = MW operational at
 * asOf; dependents = distinct vendors with an active dependency directly on the subject (a vendor's
 * count includes dependencies on its facilities). Jurisdictions have the capacity part only (weight 1).
 */
export const SYSTEMIC_CAPACITY_WEIGHT = 0.5;

/**
 * SUPPLY_CONCENTRATION (vendors) = mean of the share of the vendor's installed accelerators (at asOf,
 * in its operational facilities) from its top chip designer and from its top foundry (chips with an
 * unknown foundry are left out of the foundry part; without any the designer part alone counts).
 */

/** At most this many evidence rows per component are returned (largest first); evidenceCount has all. */
export const EVIDENCE_LIMIT = 50;
