import { REFERENCE_PUE, REFERENCE_PUE_SOURCE } from "./capacity.ts";
import {
  OUTAGE_HALF_LIFE_DAYS,
  PUE_BEST,
  PUE_WORST,
  RACK_KW_HIGH,
  RACK_KW_LOW,
  SEVERITY_MAX,
  SYSTEMIC_CAPACITY_WEIGHT,
  WUE_REFERENCE_L_PER_KWH,
} from "./risk/parameters.ts";

/**
 * The constants of the index formulas as the API shows them, each with where it comes from: a source
 * URL (a document in the curated seed's sources/) or, for Hyperscope's own modelling choices, none and
 * a description saying so. The values are imported from the one module that uses each.
 */
export interface FormulaConstant {
  name: string;
  value: number;
  unit: string;
  usedBy: string;
  description: string;
  /** URL of the source (in sources/), or null for a modelling choice of Hyperscope. */
  sourceUrl: string | null;
}

export const OMDIA_AI_FACTORY_SOURCE = "https://www.businesswire.com/news/home/20260527492710/en/";
export const LBNL_2016_SOURCE = "https://eta.lbl.gov/publications/united-states-data-center-energy";

export const FORMULA_CONSTANTS: readonly FormulaConstant[] = [
  {
    name: "RACK_KW_LOW",
    value: RACK_KW_LOW,
    unit: "kW per rack",
    usedBy: "risk POWER_DENSITY",
    description:
      "Lower end of Omdia's AI rack power density band (40–250 kW in 2026, up from 10–15 kW in 2024): a typical rack at or below it scores 0.",
    sourceUrl: OMDIA_AI_FACTORY_SOURCE,
  },
  {
    name: "RACK_KW_HIGH",
    value: RACK_KW_HIGH,
    unit: "kW per rack",
    usedBy: "risk POWER_DENSITY",
    description: "Upper end of Omdia's AI rack power density band: a typical rack at or above it scores 1.",
    sourceUrl: OMDIA_AI_FACTORY_SOURCE,
  },
  {
    name: "OUTAGE_HALF_LIFE_DAYS",
    value: OUTAGE_HALF_LIFE_DAYS,
    unit: "days",
    usedBy: "risk OUTAGE_HISTORY",
    description:
      "An outage's weight halves every this many days (a Hyperscope modelling choice, no external source).",
    sourceUrl: null,
  },
  {
    name: "SEVERITY_MAX",
    value: SEVERITY_MAX,
    unit: "Uptime severity level",
    usedBy: "risk OUTAGE_HISTORY",
    description:
      "Top of the Uptime Institute outage severity rating (1 negligible … 5 severe); an outage weighs severity / 5.",
    sourceUrl: null,
  },
  {
    name: "PUE_BEST",
    value: PUE_BEST,
    unit: "PUE",
    usedBy: "risk ENVIRONMENT",
    description:
      "A PUE at or below this scores 0 (about the best large sites; a Hyperscope modelling choice).",
    sourceUrl: null,
  },
  {
    name: "PUE_WORST",
    value: PUE_WORST,
    unit: "PUE",
    usedBy: "risk ENVIRONMENT",
    description:
      "A PUE at or above this scores 1 (an inefficient legacy site; a Hyperscope modelling choice).",
    sourceUrl: null,
  },
  {
    name: "WUE_REFERENCE",
    value: WUE_REFERENCE_L_PER_KWH,
    unit: "L/kWh",
    usedBy: "risk ENVIRONMENT",
    description:
      "Reference WUE: the US data-center average of LBNL's 2016 United States Data Center Energy Usage Report (Shehabi et al.); WUE / reference, clamped to 1.",
    sourceUrl: LBNL_2016_SOURCE,
  },
  {
    name: "SYSTEMIC_CAPACITY_WEIGHT",
    value: SYSTEMIC_CAPACITY_WEIGHT,
    unit: "fraction",
    usedBy: "risk SYSTEMIC_IMPORTANCE",
    description:
      "Weight of the capacity part (the dependents part has the rest); a Hyperscope modelling choice.",
    sourceUrl: null,
  },
  {
    name: "REFERENCE_PUE",
    value: REFERENCE_PUE,
    unit: "PUE",
    usedBy: "CAPACITY_MW (IT MW = facility MW / PUE), risk capacity",
    description:
      "PUE assumed when a facility states only its facility (total) MW and no PUE of its own: the industry-average annual PUE of the Uptime Institute Global Data Center Survey 2024. Capacity derived with it is reported as derived.",
    sourceUrl: REFERENCE_PUE_SOURCE,
  },
];
