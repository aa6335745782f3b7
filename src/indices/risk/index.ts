import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { queryRows } from "../../db/rows.ts";
import { checkIndexDate } from "../dates.ts";
import { IndexInputError } from "../errors.ts";
import { withoutJit } from "../jit.ts";
import { baseCtes } from "./base.ts";
import { facilitySubject } from "./facility.ts";
import { contribution } from "./formulas.ts";
import { jurisdictionSubject } from "./jurisdiction.ts";
import {
  componentsOf,
  EVIDENCE_LIMIT,
  type RiskComponent,
  type RiskSubjectKind,
  SUBJECT_KINDS,
} from "./parameters.ts";
import { knownColumn, noteColumn, type SubjectSql, valueColumn } from "./subject.ts";
import { vendorSubject } from "./vendor.ts";
import { type ComponentWeight, resolveWeights } from "./weights.ts";

export const DEFAULT_FIRST = 20;
export const MAX_FIRST = 100;

export interface RiskQuery {
  subject: RiskSubjectKind;
  asOf: string;
  weights?: readonly ComponentWeight[] | null;
  /** ids: facility/vendor ids (as text) or jurisdiction codes; country: facility country, vendor HQ, jurisdiction's country. */
  filter?: { ids?: readonly string[] | null; country?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

export interface RiskEvidence {
  kind: "FACILITY" | "OUTAGE" | "REGULATORY_EVENT" | "DEPENDENCY" | "DEPLOYMENT";
  id: string;
}

export interface RiskComponentScore {
  component: RiskComponent;
  /** c_k ∈ [0, 1]. */
  value: number;
  weight: number;
  /** 100 · w_k · c_k; the contributions sum to the score. */
  contribution: number;
  /** Why the value is what it is when the data is missing or the component does not apply. */
  note: string | null;
  /** Data existed for the subject (a 0 is a true 0); false for "no data" and for a component the kind lacks. */
  known: boolean;
  /** The rows that drove the value, most influential first (at most EVIDENCE_LIMIT). */
  evidence: RiskEvidence[];
  evidenceCount: number;
}

export interface RiskScore {
  subject: { kind: RiskSubjectKind; id: string; name: string; slug: string | null };
  /** 100 · Σ w_k · c_k ∈ [0, 100]. */
  score: number;
  /** Σ w_k over the components with data (known): the part of the score resting on data, 0..1. */
  coverage: number;
  components: RiskComponentScore[];
  cursor: string;
}

export interface RiskScores {
  asOf: string;
  subjectKind: RiskSubjectKind;
  weights: ComponentWeight[];
  totalCount: number;
  items: RiskScore[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const SUBJECTS: Record<RiskSubjectKind, (at: SQL) => SubjectSql> = {
  FACILITY: facilitySubject,
  VENDOR: vendorSubject,
  JURISDICTION: jurisdictionSubject,
};

const encodeCursor = (offset: number) => Buffer.from(`risk:${offset}`, "utf8").toString("base64url");
function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const match = /^risk:(\d{1,9})$/.exec(text);
  if (!match) throw new IndexInputError("after", `malformed cursor "${cursor}"`);
  return Number(match[1]) + 1;
}

/**
 * Subjects of a kind ranked by risk score at asOf (score desc, then id), one SQL statement: component
 * values for every subject (normalisations are over all subjects, before the filter), weights joined,
 * contributions summed, the page cut, and evidence gathered for the page only. Cursors are positions in
 * this ranking (a cursor is only meaningful with the same asOf, weights and filter).
 */
export async function getRiskScores(db: Database, query: RiskQuery): Promise<RiskScores> {
  if (!SUBJECT_KINDS.includes(query.subject))
    throw new IndexInputError("subject", `unknown subject ${query.subject}`);
  const asOf = checkIndexDate("asOf", query.asOf);
  const weights = resolveWeights(query.subject, query.weights);
  const first = query.first ?? DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > MAX_FIRST) {
    throw new IndexInputError("first", `first must be an integer from 1 to ${MAX_FIRST}, got ${first}`);
  }
  const offset = query.after ? decodeCursor(query.after) : 0;
  const at = sql`${asOf}::date`;
  const kind = SUBJECTS[query.subject](at);
  const ids = query.filter?.ids ?? null;
  const country = query.filter?.country ?? null;
  const filters: SQL[] = [sql`true`];
  if (ids) {
    filters.push(
      ids.length === 0
        ? sql`false`
        : sql`s.subject_id in (${sql.join(
            ids.map((id) => sql`${String(id)}`),
            sql`, `,
          )})`,
    );
  }
  if (country) filters.push(sql`s.country = ${country}`);

  const rows = await withoutJit(db, (tx) =>
    queryRows<{
      subject_id: string;
      name: string;
      slug: string | null;
      score: number;
      total: number;
      components: unknown;
    }>(tx, rankingStatement(query.subject, kind, at, weights, filters, first, offset)),
  );
  const items = rows.slice(0, first).map((r, i) => {
    const components = (
      typeof r.components === "string" ? JSON.parse(r.components) : r.components
    ) as RiskComponentScore[];
    return {
      subject: { kind: query.subject, id: r.subject_id, name: r.name, slug: r.slug },
      score: Number(r.score),
      coverage: scoreCoverage(components),
      components,
      cursor: encodeCursor(offset + i),
    };
  });
  // Counting needs a row: past the end, count separately is not worth it; report what we know.
  const total =
    rows.length > 0 ? Number(rows[0]?.total) : offset === 0 ? 0 : await countSubjects(db, kind, at, filters);
  return {
    asOf,
    subjectKind: query.subject,
    weights,
    totalCount: total,
    items,
    hasNextPage: rows.length > first,
    endCursor: items.at(-1)?.cursor ?? null,
  };
}

/** A score's coverage: Σ w_k over its known components (the weights sum to 1, so this is 0..1). */
export const scoreCoverage = (components: readonly Pick<RiskComponentScore, "weight" | "known">[]): number =>
  components.reduce((sum, c) => sum + (c.known ? c.weight : 0), 0);

/** How many subjects match the filters (asked only when a page past the end came back empty). */
async function countSubjects(db: Database, kind: SubjectSql, at: SQL, filters: SQL[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with ${baseCtes(at)}, ${kind.ctes}, subjects as (${kind.subjects})
      select count(*)::int as n from subjects s where ${sql.join(filters, sql` and `)}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The ranking statement (exported for EXPLAIN in benchmarks). Each subject's score is summed across
 * its row (the weights are parameters); only the page's rows are turned into one row per weighted
 * component, a component the kind does not have counting 0 with a note. `subjects` is not
 * materialised: the page keeps its first + 1 rows with a bounded top-N sort, and the total is a
 * separate count (which needs none of the notes), so no wide row of every subject is sorted or stored.
 */
export function rankingStatement(
  subject: RiskSubjectKind,
  kind: SubjectSql,
  at: SQL,
  weights: readonly ComponentWeight[],
  filters: SQL[],
  first: number,
  offset: number,
): SQL {
  const components = componentsOf(subject);
  const own = weights.filter((w) => components.includes(w.component));
  const score =
    own.length === 0
      ? sql`0`
      : sql.join(
          own.map((w) => contribution(sql`${w.weight}::float8`, sql`s.${valueColumn(w.component)}`)),
          sql` + `,
        );
  const notOwn = `not a component of ${subject.toLowerCase()} risk: counted as 0`;
  const componentRows = sql.join(
    weights.map((w) =>
      components.includes(w.component)
        ? sql`(${w.component}::text, ${w.weight}::float8, p.${valueColumn(w.component)}::float8, p.${noteColumn(w.component)}::text, p.${knownColumn(w.component)}::boolean)`
        : sql`(${w.component}::text, ${w.weight}::float8, 0::float8, ${notOwn}::text, false)`,
    ),
    sql`, `,
  );
  return sql`with ${baseCtes(at)}, ${kind.ctes},
    subjects as not materialized (${kind.subjects}),
    subject_total as (select count(*) as total from subjects s where ${sql.join(filters, sql` and `)}),
    page as materialized (
      select s.*, (${score})::float8 as score
      from subjects s
      where ${sql.join(filters, sql` and `)}
      order by score desc, s.sort_key
      limit ${first + 1} offset ${offset}
    ),
    contributions as (
      select p.subject_id, c.component, c.weight, c.value, ${contribution(sql`c.weight`, sql`c.value`)} as contribution, c.note, c.known
      from page p cross join lateral (values ${componentRows}) c(component, weight, value, note, known)
    ),
    ${kind.evidenceCtes ? sql`${kind.evidenceCtes},` : sql``}
    ev as (${kind.evidence}),
    ev_ranked as (
      select e.*, row_number() over (partition by e.subject_id, e.component order by e.weight desc nulls last, e.id) as rn
      from ev e
    ),
    ev_listed as (
      select er.subject_id, er.component, count(*) as n,
        jsonb_agg(jsonb_build_object('kind', er.kind, 'id', er.id) order by er.rn) filter (where er.rn <= ${EVIDENCE_LIMIT}) as evidence
      from ev_ranked er group by er.subject_id, er.component
    ),
    ev_unlisted as (${kind.unlistedEvidence ?? sql`select null::text as subject_id, null::text as component, 0::bigint as n where false`}),
    ev_agg as (
      select coalesce(l.subject_id, u.subject_id) as subject_id, coalesce(l.component, u.component) as component,
        coalesce(l.n, 0) + coalesce(u.n, 0) as n, l.evidence
      from ev_listed l
      full join (select eu.subject_id, eu.component, sum(eu.n) as n from ev_unlisted eu group by 1, 2) u
        on u.subject_id = l.subject_id and u.component = l.component
    ),
    page_components as (
      select c.subject_id, jsonb_agg(jsonb_build_object(
          'component', c.component, 'value', c.value, 'weight', c.weight, 'contribution', c.contribution, 'note', c.note, 'known', c.known,
          'evidenceCount', coalesce(ea.n, 0), 'evidence', coalesce(ea.evidence, '[]'::jsonb)
        ) order by c.contribution desc, c.component) as components
      from contributions c
      left join ev_agg ea on ea.subject_id = c.subject_id and ea.component = c.component
      group by c.subject_id
    )
    select p.subject_id, n.name, n.slug, p.score, t.total, pc.components
    from page p join page_components pc on pc.subject_id = p.subject_id
    join (${kind.names}) n on n.subject_id = p.subject_id
    cross join subject_total t
    order by p.score desc, p.sort_key`;
}
