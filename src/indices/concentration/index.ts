import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { queryRows } from "../../db/rows.ts";
import { checkIndexDate } from "../dates.ts";
import { IndexInputError } from "../errors.ts";
import { withoutJit } from "../jit.ts";
import {
  type ConcentrationClass,
  concentrationClass,
  effectiveCompetitors,
  isSignificantIncrease,
} from "./formula.ts";
import { type CheckedSpec, type ConcentrationSpec, checkSpec } from "./spec.ts";
import { sharesOf, summaryOf, unattributedValueOf } from "./statistics.ts";
import { coverageOf, entityKindOf, valuedRows } from "./values.ts";

export interface ConcentrationEntity {
  kind: "VENDOR" | "COUNTRY" | "GRID_REGION";
  /** Vendor id (as text) for vendors; the ISO code or grid-region name otherwise. */
  id: string;
  name: string;
  slug: string | null;
}

export interface ConcentrationShare {
  entity: ConcentrationEntity;
  value: number;
  share: number;
}

/** The index figures at one date; every figure is null on an empty market (no entity has a value). */
export interface ConcentrationFigures {
  asOf: string;
  hhi: number | null;
  crN: number | null;
  n: number;
  effectiveCompetitors: number | null;
  class: ConcentrationClass | null;
  firms: number;
  /**
   * REPORTED_SHARE: 1 − Σ reported shares (the part of the market no listed vendor holds; not a firm).
   * Measured values: 0 by definition (shares are of the attributed total). Null on an empty market.
   */
  unattributedShare: number | null;
}

/**
 * How much data an index rests on (values.ts coverageOf): an index on thin data must look thin.
 * derivedShare and estimatedShare are parts of totalValue (null when it is 0).
 */
export interface ConcentrationCoverage {
  rowsInScope: number;
  rowsWithValue: number;
  totalValue: number;
  derivedValue: number;
  estimatedValue: number;
  derivedShare: number | null;
  estimatedShare: number | null;
}

export interface Concentration extends ConcentrationFigures {
  dimension: CheckedSpec["dimension"];
  measure: CheckedSpec["measure"];
  segment: string | null;
  rollup: CheckedSpec["rollup"];
  coverage: ConcentrationCoverage;
  /** Measured values only: measure no entity of the dimension owns (e.g. MW without a grid region). */
  unattributedValue: number;
  /** Largest share first (ties by entity id). */
  shares: ConcentrationShare[];
  comparison: ConcentrationComparison | null;
}

export interface ConcentrationComparison {
  asOf: string;
  hhi: number | null;
  /** hhi − comparison hhi; null when either is null. */
  delta: number | null;
  /** HHI > 1,800 and delta > 100. */
  significantIncrease: boolean;
}

export interface ConcentrationQuery extends ConcentrationSpec {
  asOf: string;
  compareTo?: string | null;
}

interface SummaryRow extends Record<string, unknown> {
  hhi: number | null;
  cr_n: number | null;
  firms: number;
  share_sum: number | null;
}

const floorOf = (spec: CheckedSpec): 0 | 1 => (spec.measure === "REPORTED_SHARE" ? 1 : 0);

function figures(spec: CheckedSpec, asOf: string, row: SummaryRow): ConcentrationFigures {
  const hhi = row.hhi === null ? null : Number(row.hhi);
  const firms = Number(row.firms);
  const empty = hhi === null || firms === 0;
  return {
    asOf,
    hhi: empty ? null : hhi,
    crN: empty ? null : Number(row.cr_n),
    n: spec.n,
    effectiveCompetitors: empty ? null : effectiveCompetitors(hhi),
    class: empty ? null : concentrationClass(hhi),
    firms,
    unattributedShare: empty
      ? null
      : spec.measure === "REPORTED_SHARE"
        ? Math.max(0, 1 - Number(row.share_sum))
        : 0,
  };
}

interface CoverageRow {
  rows_in_scope: number;
  rows_with_value: number;
  total_value: number;
  derived_value: number;
  estimated_value: number;
}

function coverageFrom(row: CoverageRow): ConcentrationCoverage {
  const total = Number(row.total_value);
  const part = (v: number) => (total > 0 ? Number(v) / total : null);
  return {
    rowsInScope: Number(row.rows_in_scope),
    rowsWithValue: Number(row.rows_with_value),
    totalValue: total,
    derivedValue: Number(row.derived_value),
    estimatedValue: Number(row.estimated_value),
    derivedShare: part(row.derived_value),
    estimatedShare: part(row.estimated_value),
  };
}

/** Vendor name/slug for vendor keys; the key itself names countries and grid regions. */
function entityJoin(spec: CheckedSpec): SQL {
  return entityKindOf(spec.dimension) === "VENDOR"
    ? sql`left join vendors e on e.id::text = s.entity_key`
    : sql`left join (select null::text as name, null::text as slug) e on false`;
}

/**
 * Concentration of a market at `asOf` (DESIGN §3): shares, HHI, CRn, effective competitors, Merger
 * Guidelines class, and the change against `compareTo`. One SQL statement per date.
 */
export async function getConcentration(db: Database, query: ConcentrationQuery): Promise<Concentration> {
  const spec = checkSpec(query);
  const asOf = checkIndexDate("asOf", query.asOf);
  const compareTo = query.compareTo == null ? null : checkIndexDate("compareTo", query.compareTo);
  const at = sql`${asOf}::date`;
  const rows = await withoutJit(db, (tx) =>
    queryRows<SummaryRow & CoverageRow & { unattributed_value: number; shares: unknown }>(
      tx,
      sql`with valued as (${valuedRows(spec, at)}),
      shares as (${sharesOf(sql`select * from valued`, floorOf(spec))})
    select sm.*, u.unattributed_value, cv.*,
      coalesce((select jsonb_agg(jsonb_build_object('key', s.entity_key, 'value', s.value, 'share', s.share,
                 'name', e.name, 'slug', e.slug) order by s.rank)
                from shares s ${entityJoin(spec)}), '[]'::jsonb) as shares
    from (${summaryOf(sql`select * from shares`, spec.n)}) sm
    cross join (${unattributedValueOf(sql`select * from valued`)}) u
    cross join (${coverageOf(spec, at, sql`select * from valued`)}) cv`,
    ),
  );
  const row = rows[0] as SummaryRow & CoverageRow & { unattributed_value: number; shares: unknown };
  const kind = entityKindOf(spec.dimension);
  const raw = (typeof row.shares === "string" ? JSON.parse(row.shares) : row.shares) as {
    key: string;
    value: number;
    share: number;
    name: string | null;
    slug: string | null;
  }[];
  const result: Concentration = {
    dimension: spec.dimension,
    measure: spec.measure,
    segment: spec.segment,
    rollup: spec.rollup,
    coverage: coverageFrom(row),
    ...figures(spec, asOf, row),
    unattributedValue: Number(row.unattributed_value),
    shares: raw.map((s) => ({
      entity: { kind, id: s.key, name: s.name ?? s.key, slug: s.slug },
      value: Number(s.value),
      share: Number(s.share),
    })),
    comparison: null,
  };
  if (compareTo !== null) {
    const before = await getConcentration(db, { ...query, asOf: compareTo, compareTo: null });
    const delta = result.hhi === null || before.hhi === null ? null : result.hhi - before.hhi;
    result.comparison = {
      asOf: compareTo,
      hhi: before.hhi,
      delta,
      significantIncrease: result.hhi !== null && delta !== null && isSignificantIncrease(result.hhi, delta),
    };
  }
  return result;
}

export const INTERVALS = { MONTH: "1 month", QUARTER: "3 months", YEAR: "1 year" } as const;
export type SeriesInterval = keyof typeof INTERVALS;
/** At most this many points per series. */
export const MAX_SERIES_POINTS = 600;

export interface ConcentrationSeriesQuery extends ConcentrationSpec {
  from: string;
  to: string;
  interval: SeriesInterval;
}

/**
 * The index at `from`, `from` + interval, ... up to `to` (inclusive), in one SQL statement
 * (generate_series + a lateral aggregate per date). Points carry the figures, not the shares.
 */
export async function getConcentrationSeries(
  db: Database,
  query: ConcentrationSeriesQuery,
): Promise<ConcentrationFigures[]> {
  const spec = checkSpec(query);
  const from = checkIndexDate("from", query.from);
  const to = checkIndexDate("to", query.to);
  if (to < from) throw new IndexInputError("to", `to (${to}) is before from (${from})`);
  const interval = INTERVALS[query.interval];
  if (!interval) throw new IndexInputError("interval", `unknown interval ${query.interval}`);
  const months = { MONTH: 1, QUARTER: 3, YEAR: 12 }[query.interval];
  const span =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7));
  if (span / months + 1 > MAX_SERIES_POINTS) {
    throw new IndexInputError(
      "interval",
      `a series has at most ${MAX_SERIES_POINTS} points; widen the interval`,
    );
  }
  const at = sql`g.d`;
  const rows = await withoutJit(db, (tx) =>
    queryRows<SummaryRow & { as_of: string }>(
      tx,
      sql`select to_char(g.d, 'YYYY-MM-DD') as as_of, st.*
    from (select d::date as d from generate_series(${from}::date, ${to}::date, ${interval}::interval) d) g
    cross join lateral (${summaryOf(sharesOf(valuedRows(spec, at), floorOf(spec)), spec.n)}) st
    order by g.d`,
    ),
  );
  return rows.map((r) => figures(spec, r.as_of, r));
}
