import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { enumArray } from "../db/filters.ts";
import { queryRows } from "../db/rows.ts";
import type { DisclosureRule, ModelReleaseRule, OutageRule, RegulatoryEventRule } from "../signals/rules.ts";

/** Facts that entered the database in (from, to]; `from` null = since the beginning. */
export interface EntryWindow {
  from: Date | null;
  to: Date;
}

/** One matching fact row, ready to become a digest item. */
export interface MatchedFact extends Record<string, unknown> {
  id: number;
  title: string;
  detail: string;
  created_at: Date | string;
  event_date: string | null;
  sources: { url: string; title: string; publisher: string }[] | null;
}

const entered = (alias: string, w: EntryWindow): SQL =>
  w.from === null
    ? sql`${sql.raw(alias)}.created_at <= ${w.to.toISOString()}::timestamptz`
    : sql`${sql.raw(alias)}.created_at > ${w.from.toISOString()}::timestamptz and ${sql.raw(alias)}.created_at <= ${w.to.toISOString()}::timestamptz`;

/** The sources a fact cites (json array), through its `<table>_citations` link table. */
const sourcesOf = (citations: string, alias: string): SQL =>
  sql`(select coalesce(json_agg(json_build_object('url', s.url, 'title', s.title, 'publisher', s.publisher) order by s.url), '[]'::json)
       from ${sql.raw(citations)} c join sources s on s.id = c.source_id where c.subject_id = ${sql.raw(alias)}.id)`;

/** Regulatory events matching topics (any), stages and jurisdictions (a country matches its subdivisions). */
export function regulatoryEventsEntered(db: Database, rule: RegulatoryEventRule, w: EntryWindow) {
  const where: SQL[] = [entered("r", w)];
  if (rule.topics) where.push(sql`r.topics::text[] && ${enumArray(rule.topics, "text")}`);
  if (rule.stages) where.push(sql`r.stage::text = any(${enumArray(rule.stages, "text")})`);
  if (rule.jurisdictions) {
    where.push(
      sql`(r.jurisdiction = any(${enumArray(rule.jurisdictions, "text")}) or split_part(r.jurisdiction, '-', 1) = any(${enumArray(rule.jurisdictions, "text")}))`,
    );
  }
  return queryRows<MatchedFact>(
    db,
    sql`select r.id, r.title,
          r.jurisdiction || ' · ' || r.stage || ' · ' || array_to_string(r.topics::text[], ', ') as detail,
          r.created_at, coalesce(r.announced_on, r.effective_on)::text as event_date,
          ${sourcesOf("regulatory_event_citations", "r")} as sources
        from regulatory_events r where ${sql.join(where, sql` and `)} order by r.created_at, r.id`,
  );
}

/** Outages of at least `minSeverity` that hit a vendor of one of `vendorKinds` (directly or through its facility). */
export function outagesEntered(db: Database, rule: OutageRule, w: EntryWindow) {
  const where: SQL[] = [entered("o", w), sql`o.severity >= ${rule.minSeverity}`];
  if (rule.vendorKinds) {
    where.push(sql`exists (select 1 from outage_impacts i
        left join facilities f on f.id = i.facility_id
        join vendors v on v.id = coalesce(i.vendor_id, f.operator_id)
        where i.outage_id = o.id and v.kind::text = any(${enumArray(rule.vendorKinds, "text")}))`);
  }
  return queryRows<MatchedFact>(
    db,
    sql`select o.id, o.title, 'severity ' || o.severity || ' · ' || o.cause as detail,
          o.created_at, (o.started_at at time zone 'UTC')::date::text as event_date,
          ${sourcesOf("outage_citations", "o")} as sources
        from outages o where ${sql.join(where, sql` and `)} order by o.created_at, o.id`,
  );
}

/** Disclosures of the given metrics and kinds by vendors of the given kinds. */
export function disclosuresEntered(db: Database, rule: DisclosureRule, w: EntryWindow) {
  const where: SQL[] = [entered("d", w)];
  if (rule.metrics) where.push(sql`d.metric::text = any(${enumArray(rule.metrics, "text")})`);
  if (rule.kinds) where.push(sql`d.kind::text = any(${enumArray(rule.kinds, "text")})`);
  if (rule.vendorKinds) where.push(sql`v.kind::text = any(${enumArray(rule.vendorKinds, "text")})`);
  return queryRows<MatchedFact>(
    db,
    sql`select d.id, v.name || ' ' || d.metric || ' ' || d.period_start || '..' || d.period_end as title,
          d.value || ' ' || d.unit || ' (' || d.kind || ')' as detail,
          d.created_at, d.period_end::text as event_date,
          ${sourcesOf("disclosure_citations", "d")} as sources
        from disclosures d join vendors v on v.id = d.vendor_id
        where ${sql.join(where, sql` and `)} order by d.created_at, d.id`,
  );
}

/** Models (open weights or not) that run in at most `maxMemoryGb`. */
export function modelsEntered(db: Database, rule: ModelReleaseRule, w: EntryWindow) {
  const where: SQL[] = [entered("m", w)];
  if (rule.openWeights !== undefined) where.push(sql`m.open_weights = ${rule.openWeights}`);
  if (rule.maxMemoryGb !== undefined) where.push(sql`m.min_memory_gb <= ${rule.maxMemoryGb}`);
  return queryRows<MatchedFact>(
    db,
    sql`select m.id, m.name as title,
          case when m.open_weights then 'open weights' else 'closed weights' end
            || coalesce(' · runs in ' || m.min_memory_gb || ' GB', '')
            || coalesce(' · ' || m.smallest_hardware, '') as detail,
          m.created_at, m.release_date::text as event_date,
          ${sourcesOf("model_citations", "m")} as sources
        from models m where ${sql.join(where, sql` and `)} order by m.created_at, m.id`,
  );
}
