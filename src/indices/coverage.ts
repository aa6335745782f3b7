import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/rows.ts";
import { capacityAt } from "./capacity.ts";
import { checkIndexDate } from "./dates.ts";
import { withoutJit } from "./jit.ts";
import { acceleratorsAt, dependencyActiveAt, operationalAt } from "./operational.ts";

/** How many rows feed one input of an index at a date: in scope, and with the value the index reads. */
export interface InputCoverage {
  /** The index (and component) the input feeds, e.g. "CAPACITY_MW", "risk POWER_DENSITY". */
  index: string;
  /** The input, e.g. "facility IT or facility MW". */
  input: string;
  /** What the rows in scope are and what counts as having a value. */
  description: string;
  rowsInScope: number;
  rowsWithValue: number;
  /** rowsWithValue / rowsInScope; null when nothing is in scope. */
  share: number | null;
}

export interface DataCoverage {
  asOf: string;
  inputs: InputCoverage[];
}

interface Input {
  index: string;
  input: string;
  description: string;
  /** One row (scope int, with_value int). */
  counts: (at: SQL) => SQL;
}

/** Facilities existing at `at` (as risk ranks them): not cancelled, announced by then or undated, not decommissioned. */
const existingAt = (f: string, at: SQL): SQL => {
  const a = sql.raw(f);
  return sql`(${a}.status <> 'CANCELLED' and (${a}.announced_on is null or ${a}.announced_on <= ${at})
    and (${a}.decommissioned_on is null or ${a}.decommissioned_on > ${at}))`;
};

const INPUTS: Input[] = [
  {
    index: "CAPACITY_MW",
    input: "facility IT or facility MW",
    description:
      "facilities operational at asOf; with a value: an IT MW at asOf (stated, or facility MW / PUE)",
    counts: (at) => {
      const cap = capacityAt("f", at);
      return sql`select count(*)::int as scope, count(${cap.itMw})::int as with_value
        from facilities f ${cap.join} where ${operationalAt("f", at)}`;
    },
  },
  {
    index: "CAPACITY_MW",
    input: "IT MW derived from facility MW",
    description:
      "facilities operational at asOf with an IT MW; with a value: that IT MW is derived (facility MW / PUE)",
    counts: (at) => {
      const cap = capacityAt("f", at);
      return sql`select count(${cap.itMw})::int as scope, count(${cap.itMw}) filter (where ${cap.derived})::int as with_value
        from facilities f ${cap.join} where ${operationalAt("f", at)}`;
    },
  },
  {
    index: "CAPACITY_MW",
    input: "capacity history",
    description: "facilities operational at asOf; with a value: 2 or more capacity phases",
    counts: (at) => sql`select count(*)::int as scope,
        count(*) filter (where (select count(*) from capacity_phases p where p.facility_id = f.id) >= 2)::int as with_value
      from facilities f where ${operationalAt("f", at)}`,
  },
  {
    index: "ACCELERATORS",
    input: "deployments",
    description: "facilities operational at asOf; with a value: accelerators installed at asOf",
    counts: (
      at,
    ) => sql`select (select count(*) from facilities f where ${operationalAt("f", at)})::int as scope,
        (select count(distinct a.facility_id) from ${acceleratorsAt(at)} a where a.accelerator_count > 0)::int as with_value`,
  },
  {
    index: "ACCELERATORS by FOUNDRY",
    input: "chip foundry",
    description: "chips installed at asOf; with a value: the chip's foundry is known",
    counts: (at) => sql`select count(distinct a.chip_id)::int as scope,
        count(distinct a.chip_id) filter (where a.foundry_id is not null)::int as with_value
      from ${acceleratorsAt(at)} a`,
  },
  {
    index: "OPERATOR, CHIP_DESIGNER, FOUNDRY roll-up",
    input: "vendor parent",
    description:
      "vendors; with a value: a parent vendor is recorded (the rest are their own ultimate parent)",
    counts: () => sql`select count(*)::int as scope, count(v.parent_id)::int as with_value from vendors v`,
  },
  {
    index: "REPORTED_SHARE",
    input: "market shares",
    description: "market-share rows whose period contains asOf; with a value: a share (0..1) is given",
    counts: (at) => sql`select count(*)::int as scope, count(ms.share)::int as with_value
      from market_shares ms where ms.period_start <= ${at} and ms.period_end >= ${at}`,
  },
  {
    index: "risk POWER_DENSITY",
    input: "typical rack density",
    description: "facilities existing at asOf; with a value: a typical rack kW",
    counts: (at) => sql`select count(*)::int as scope, count(f.rack_density_kw_typical)::int as with_value
      from facilities f where ${existingAt("f", at)}`,
  },
  {
    index: "risk ENVIRONMENT",
    input: "PUE or WUE",
    description: "facilities existing at asOf; with a value: a PUE or a WUE",
    counts: (
      at,
    ) => sql`select count(*)::int as scope, count(*) filter (where f.pue is not null or f.wue is not null)::int as with_value
      from facilities f where ${existingAt("f", at)}`,
  },
  {
    index: "risk SYSTEMIC_IMPORTANCE",
    input: "facility MW (latest)",
    description:
      "facilities operational at asOf; with a value: an IT or facility MW in the latest (flat) figures",
    counts: (at) => sql`select count(*)::int as scope,
        count(*) filter (where f.it_power_mw is not null or f.facility_power_mw is not null)::int as with_value
      from facilities f where ${operationalAt("f", at)}`,
  },
  {
    index: "risk OUTAGE_HISTORY",
    input: "outage impacts naming a facility",
    description:
      "outages started by asOf; with a value: at least one impact names a facility (facility risk reads only those)",
    counts: (at) => sql`select count(*)::int as scope,
        count(*) filter (where exists (select 1 from outage_impacts i where i.outage_id = o.id and i.facility_id is not null))::int as with_value
      from outages o where o.started_at::date <= ${at}`,
  },
  {
    index: "blastRadius",
    input: "dependency weights",
    description: "dependencies active at asOf; with a value: a weight (a missing weight counts as 1)",
    counts: (at) => sql`select count(*)::int as scope, count(d.weight)::int as with_value
      from dependencies d where ${dependencyActiveAt("d", at)}`,
  },
  {
    index: "blastRadius",
    input: "dependency start dates",
    description:
      "all dependencies; with a value: a since date (without one a dependency is active at every date)",
    counts: () => sql`select count(*)::int as scope, count(d.since)::int as with_value from dependencies d`,
  },
];

/** Per index input, how many rows are in scope at asOf and how many carry the value the index reads. */
export async function getDataCoverage(db: Database, asOfText: string): Promise<DataCoverage> {
  const asOf = checkIndexDate("asOf", asOfText);
  const at = sql`${asOf}::date`;
  const statement = sql.join(
    INPUTS.map((input, i) => sql`select ${i}::int as i, c.scope, c.with_value from (${input.counts(at)}) c`),
    sql` union all `,
  );
  const rows = await withoutJit(db, (tx) =>
    queryRows<{ i: number; scope: number; with_value: number }>(tx, sql`${statement} order by 1`),
  );
  return {
    asOf,
    inputs: rows.map((r) => {
      const input = INPUTS[Number(r.i)] as Input;
      const scope = Number(r.scope);
      const withValue = Number(r.with_value);
      return {
        index: input.index,
        input: input.input,
        description: input.description,
        rowsInScope: scope,
        rowsWithValue: withValue,
        share: scope > 0 ? withValue / scope : null,
      };
    }),
  };
}

/** The coverage as a text table (`hyperscope status --coverage`). */
export function coverageTable(c: DataCoverage): string {
  const lines = c.inputs.map((x) => [
    x.index,
    x.input,
    `${x.rowsWithValue} of ${x.rowsInScope}`,
    x.share === null ? "-" : `${Math.round(x.share * 100)}%`,
  ]);
  const head = ["index", "input", "rows with value", "share"];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (l: string[]) => `  ${l.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd();
  return `coverage at ${c.asOf} (rows feeding each index input):\n${[head, ...lines].map(fmt).join("\n")}\n`;
}
