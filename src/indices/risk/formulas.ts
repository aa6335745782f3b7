import { type SQL, sql } from "drizzle-orm";
import {
  OUTAGE_HALF_LIFE_DAYS,
  PUE_BEST,
  PUE_WORST,
  RACK_KW_HIGH,
  RACK_KW_LOW,
  REGULATED_TOPICS,
  SEVERITY_MAX,
  STAGE_WEIGHTS,
  SYSTEMIC_CAPACITY_WEIGHT,
  WUE_REFERENCE_L_PER_KWH,
} from "./parameters.ts";

/** The risk formulas of parameters.ts as SQL expressions: the only place each is written. */

const num = (x: number) => sql.raw(`${x}::float8`);

/** clamp(x, 0, 1), null stays null (PostgreSQL's least/greatest would turn null into the bound). */
export const clamp01 = (x: SQL): SQL =>
  sql`(case when (${x}) is null then null::float8 else least(greatest((${x})::float8, 0), 1) end)`;

/** Facility POWER_DENSITY from its typical rack kW (null when unknown). */
export const powerDensity = (rackKw: SQL): SQL =>
  clamp01(sql`(${rackKw} - ${num(RACK_KW_LOW)}) / (${num(RACK_KW_HIGH)} - ${num(RACK_KW_LOW)})`);

/** The day (UTC) an outage started on. */
const startDay = (startedAt: SQL): SQL => sql`((${startedAt}) at time zone 'UTC')::date`;

/** One outage's weight at `at`: severity/5 · 0.5^(age_days/365). */
export const outageWeight = (severity: SQL, startedAt: SQL, at: SQL): SQL =>
  sql`((${severity})::float8 / ${num(SEVERITY_MAX)} * power(0.5::float8, greatest(${at} - ${startDay(startedAt)}, 0) / ${num(OUTAGE_HALF_LIFE_DAYS)}))`;

/**
 * The same weight at the reference day 2000-01-01, which outage_facility_totals / outage_vendor_totals
 * sum (migration 0007's SQL function hyperscope_outage_epoch_weight, the same formula: SEVERITY_MAX 5,
 * OUTAGE_HALF_LIFE_DAYS 365); `epochWeightsAt` turns such a sum into the sum of weights at `at`.
 */
export const outageEpochWeight = (severity: SQL, startedAt: SQL): SQL =>
  sql`hyperscope_outage_epoch_weight(${severity}, ${startedAt})`;
export const epochWeightsAt = (epochSum: SQL, at: SQL): SQL =>
  sql`((${epochSum}) * power(0.5::float8, (${at} - date '2000-01-01') / ${num(OUTAGE_HALF_LIFE_DAYS)}))`;

/** OUTAGE_HISTORY from the sum of outage weights. */
export const outageHistory = (sumOfWeights: SQL): SQL => sql`least(coalesce(${sumOfWeights}, 0), 1)::float8`;

/** The first instant after day `at` (UTC): outages started before it started on or before `at`. */
const dayAfter = (at: SQL): SQL => sql`((${at} + 1)::timestamp at time zone 'UTC')`;

/**
 * An outage counts at `at` when it started on or before that day (UTC): a range on the start (no
 * time-zone conversion per row, and an index on the start serves it).
 */
export const outageStartedBy = (startedAt: SQL, at: SQL): SQL => sql`(${startedAt}) < ${dayAfter(at)}`;

/** An outage started after `at` (the complement of outageStartedBy). */
export const outageStartedAfter = (startedAt: SQL, at: SQL): SQL => sql`(${startedAt}) >= ${dayAfter(at)}`;

/** A regulatory stage's weight. */
export const stageWeight = (stage: SQL): SQL =>
  sql`(case ${sql.join(
    Object.entries(STAGE_WEIGHTS).map(
      ([s, w]) => sql`when ${stage}::text = ${sql.raw(`'${s}'`)} then ${num(w)}`,
    ),
    sql` `,
  )} else 0::float8 end)`;

/** A rule counts at `at` for the exposure: on a regulated topic, announced (else effective) by `at`. */
export const ruleCounts = (e: string, at: SQL): SQL => {
  const a = sql.raw(e);
  const topics = sql.join(
    REGULATED_TOPICS.map((t) => sql.raw(`'${t}'::regulatory_topic`)),
    sql`, `,
  );
  return sql`(${a}.topics && array[${topics}] and coalesce(${a}.announced_on, ${a}.effective_on) <= ${at})`;
};

/**
 * Aggregate: 1 − Π (1 − w) over the rows (an exposure of 1 makes it 1); 0 over no rows. The product
 * is taken in log space, floored at e^−700 so float8 never underflows (1 − e^−700 is 1 anyway).
 */
export const combineExposure = (w: SQL): SQL =>
  sql`(case when bool_or(${w} >= 1) then 1::float8
            else 1 - exp(greatest(coalesce(sum(ln(1 - greatest(${w}, 0))) filter (where ${w} < 1), 0), -700)) end)`;

/** Facility ENVIRONMENT: mean of the known PUE and WUE parts; null when neither is known. */
export const environment = (pue: SQL, wue: SQL): SQL => {
  const puePart = clamp01(sql`(${pue} - ${num(PUE_BEST)}) / (${num(PUE_WORST)} - ${num(PUE_BEST)})`);
  const wuePart = clamp01(sql`${wue} / ${num(WUE_REFERENCE_L_PER_KWH)}`);
  return sql`(case when ${pue} is null and ${wue} is null then null::float8
            when ${pue} is null then ${wuePart}
            when ${wue} is null then ${puePart}
            else (${puePart} + ${wuePart}) / 2 end)`;
};

/** SYSTEMIC_IMPORTANCE from capacity and dependents, each against its maximum over all subjects. */
export const systemicImportance = (mw: SQL, maxMw: SQL, dependents: SQL, maxDependents: SQL): SQL =>
  sql`(${num(SYSTEMIC_CAPACITY_WEIGHT)} * coalesce((${mw})::float8 / nullif(${maxMw}, 0), 0)
     + ${num(1 - SYSTEMIC_CAPACITY_WEIGHT)} * coalesce((${dependents})::float8 / nullif(${maxDependents}, 0), 0))`;

/** Jurisdiction SYSTEMIC_IMPORTANCE: capacity against the largest jurisdiction's. */
export const capacityImportance = (mw: SQL, maxMw: SQL): SQL =>
  sql`coalesce((${mw})::float8 / nullif(${maxMw}, 0), 0)`;

/**
 * The two sums of a capacity-weighted mean (weights = MW) of a facility-level component, as aggregates:
 * Σ value·MW and Σ MW over the rows with a value and MW > 0. Sums over parts (e.g. places) add up to
 * the sums over the whole, so a jurisdiction's mean is meanOfSums of its places' sums.
 */
export const capacityWeightedSums = (value: SQL, mw: SQL): { weighted: SQL; mw: SQL } => ({
  weighted: sql`sum((${value}) * (${mw})) filter (where ${value} is not null and ${mw} > 0)`,
  mw: sql`sum(${mw}) filter (where ${value} is not null and ${mw} > 0)`,
});

/** The mean from the two sums of capacityWeightedSums; null when no MW-weighted value. */
export const meanOfSums = (weighted: SQL, mw: SQL): SQL => sql`((${weighted}) / nullif(${mw}, 0))`;

/** Capacity-weighted mean (weights = MW) of a facility-level component; null when no MW-weighted value. */
export const capacityWeightedMean = (value: SQL, mw: SQL): SQL => {
  const sums = capacityWeightedSums(value, mw);
  return meanOfSums(sums.weighted, sums.mw);
};

/** Vendor SUPPLY_CONCENTRATION: mean of top-designer and top-foundry shares (designer alone without foundry data). */
export const supplyConcentration = (topDesignerShare: SQL, topFoundryShare: SQL): SQL =>
  sql`(case when ${topFoundryShare} is null then ${topDesignerShare} else (${topDesignerShare} + ${topFoundryShare}) / 2 end)::float8`;

/** A component's contribution to the score: 100 · w_k · c_k (the score is the sum of these). */
export const contribution = (weight: SQL, value: SQL): SQL => sql`(100 * (${weight}) * (${value}))::float8`;
