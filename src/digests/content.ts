import type { Database } from "../db/client.ts";
import { toGlobalId } from "../graphql/ids.ts";
import { getConcentration } from "../indices/concentration/index.ts";
import { getRiskScores } from "../indices/risk/index.ts";
import { type IndexMoveRule, type ParsedRule, parseRule } from "../signals/rules.ts";
import {
  type ConcentrationTrend,
  DIGEST_DOCUMENT_VERSION,
  type DigestDocument,
  type DigestItem,
  type DigestItemType,
  type RiskMover,
} from "./document.ts";
import { graphiqlLink, rowLink } from "./links.ts";
import {
  disclosuresEntered,
  type EntryWindow,
  type MatchedFact,
  modelsEntered,
  outagesEntered,
  regulatoryEventsEntered,
} from "./queries.ts";

/** A signal as the content builder needs it. */
export interface SignalForContent {
  id: number;
  slug: string;
  name: string;
  kind: string;
  rule: unknown;
}

export interface DigestContentInput {
  signals: readonly SignalForContent[];
  window: EntryWindow;
  /** Index dates compared by INDEX_MOVE signals (previous slot's date, this slot's date). */
  indexDates: { from: string; to: string };
  /** Dates of the concentration trend chart, oldest first (the last 12 slots). */
  trendDates: readonly string[];
  /** Public base URL of the server, for GraphiQL links. */
  baseUrl: string;
  subscription?: { slug: string; name: string } | null;
  slot?: Date | null;
}

/** An item with the signal row and the fact row behind it (stored as digest_items). */
export interface ContentItem {
  signalId: number;
  entityId: number | null;
  item: DigestItem;
}

const FACT_QUERIES = {
  REGULATORY_EVENT: { type: "RegulatoryEvent", run: regulatoryEventsEntered },
  OUTAGE: { type: "Outage", run: outagesEntered },
  DISCLOSURE: { type: "Disclosure", run: disclosuresEntered },
  MODEL_RELEASE: { type: "Model", run: modelsEntered },
} as const;

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

function factItem(signal: SignalForContent, type: DigestItemType, row: MatchedFact, baseUrl: string) {
  const id = toGlobalId(type, row.id);
  return {
    signal: signal.slug,
    type,
    id,
    title: row.title,
    detail: row.detail,
    recordedAt: iso(row.created_at),
    eventDate: row.event_date,
    link: rowLink(baseUrl, type, id),
    sources: row.sources ?? [],
  } satisfies DigestItem;
}

const specLabel = (s: IndexMoveRule["concentration"][number]) =>
  `${s.measure}${s.segment ? ` (${s.segment})` : ""} by ${s.dimension}`;

const fmt = (n: number | null) => (n === null ? "no data" : Math.round(n).toLocaleString("en-US"));

/** Concentration moves between the two index dates: crossing the threshold, or moving by more than delta. */
async function concentrationMoves(
  db: Database,
  signal: SignalForContent,
  rule: IndexMoveRule,
  input: DigestContentInput,
): Promise<ContentItem[]> {
  const items: ContentItem[] = [];
  for (const spec of rule.concentration) {
    const index = await getConcentration(db, {
      ...spec,
      asOf: input.indexDates.to,
      compareTo: input.indexDates.from,
    });
    const after = index.hhi;
    const before = index.comparison?.hhi ?? null;
    if (after === null) continue;
    const delta = before === null ? null : after - before;
    // Crossing: from at or below the threshold (or no data) to above it, or (ANY) back down.
    const up = (before === null || before <= rule.crossing) && after > rule.crossing;
    const down =
      rule.direction === "ANY" && before !== null && before > rule.crossing && after <= rule.crossing;
    const moved =
      delta !== null && (rule.direction === "RISING" ? delta > rule.delta : Math.abs(delta) > rule.delta);
    if (!up && !down && !moved) continue;
    const what = up
      ? `crossed above ${fmt(rule.crossing)}`
      : down
        ? `fell to ${fmt(rule.crossing)} or below`
        : "moved";
    const query = `query Concentration($asOf: Date!, $compareTo: Date!) {\n  concentration(dimension: ${spec.dimension}, measure: ${spec.measure}${spec.segment ? `, segment: "${spec.segment}"` : ""}, asOf: $asOf, compareTo: $compareTo) {\n    hhi class comparison { hhi delta significantIncrease }\n    shares { share entity { name } }\n  }\n}`;
    items.push({
      signalId: signal.id,
      entityId: null,
      item: {
        signal: signal.slug,
        type: "ConcentrationMove",
        id: null,
        title: `HHI of ${specLabel(spec)} ${what}`,
        detail: `HHI ${fmt(before)} on ${input.indexDates.from} → ${fmt(after)} on ${input.indexDates.to}${delta === null ? "" : ` (${delta > 0 ? "+" : ""}${fmt(delta)})`}`,
        recordedAt: null,
        eventDate: input.indexDates.to,
        link: graphiqlLink(input.baseUrl, query, {
          asOf: input.indexDates.to,
          compareTo: input.indexDates.from,
        }),
        sources: [],
      },
    });
  }
  return items;
}

/** Risk scores at both dates (top 100 at each); the largest movers by more than the rule's delta. */
async function riskMovers(
  db: Database,
  rule: NonNullable<IndexMoveRule["risk"]>,
  dates: DigestContentInput["indexDates"],
) {
  const [before, after] = await Promise.all(
    [dates.from, dates.to].map((asOf) => getRiskScores(db, { subject: rule.subject, asOf, first: 100 })),
  );
  const previous = new Map((before?.items ?? []).map((s) => [s.subject.id, s.score]));
  const movers: RiskMover[] = [];
  for (const s of after?.items ?? []) {
    const from = previous.get(s.subject.id);
    if (from === undefined) continue;
    const delta = s.score - from;
    if (Math.abs(delta) <= rule.delta) continue;
    const id =
      rule.subject === "JURISDICTION"
        ? null
        : toGlobalId(rule.subject === "VENDOR" ? "Vendor" : "Facility", Number(s.subject.id));
    movers.push({ name: s.subject.name, id, from, to: s.score, delta });
  }
  movers.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.name.localeCompare(b.name));
  return movers.slice(0, rule.top);
}

async function trends(
  db: Database,
  rule: IndexMoveRule,
  dates: readonly string[],
): Promise<ConcentrationTrend[]> {
  const out: ConcentrationTrend[] = [];
  for (const spec of rule.concentration) {
    const points: ConcentrationTrend["points"] = [];
    for (const date of dates) {
      const index = await getConcentration(db, { ...spec, asOf: date });
      points.push({ date, hhi: index.hhi });
    }
    out.push({ label: specLabel(spec), points });
  }
  return out;
}

/**
 * The content of one digest: every fact that entered the database in the window and matches one of
 * the signals, plus the index moves between the two index dates. Reads only; no side effects.
 */
export async function buildDigestContent(
  db: Database,
  input: DigestContentInput,
): Promise<{ document: DigestDocument; items: ContentItem[] }> {
  const items: ContentItem[] = [];
  const concentrationTrends: ConcentrationTrend[] = [];
  let movers: RiskMover[] = [];
  for (const signal of input.signals) {
    const parsed: ParsedRule = parseRule(signal.kind, signal.rule);
    if (parsed.kind === "INDEX_MOVE") {
      items.push(...(await concentrationMoves(db, signal, parsed.rule, input)));
      if (parsed.rule.risk) {
        const found = await riskMovers(db, parsed.rule.risk, input.indexDates);
        movers = movers.concat(found);
        for (const m of found) {
          items.push({
            signalId: signal.id,
            entityId: null,
            item: {
              signal: signal.slug,
              type: "RiskMove",
              id: m.id,
              title: `Risk score of ${m.name} ${m.delta > 0 ? "rose" : "fell"} by ${Math.abs(m.delta).toFixed(1)}`,
              detail: `${m.from.toFixed(1)} on ${input.indexDates.from} → ${m.to.toFixed(1)} on ${input.indexDates.to}`,
              recordedAt: null,
              eventDate: input.indexDates.to,
              link: m.id
                ? rowLink(input.baseUrl, "Vendor", m.id)
                : graphiqlLink(
                    input.baseUrl,
                    "{ riskScores(subject: JURISDICTION) { edges { node { score subject { name } } } } }",
                  ),
              sources: [],
            },
          });
        }
      }
      if (concentrationTrends.length === 0 && input.trendDates.length > 0) {
        concentrationTrends.push(...(await trends(db, parsed.rule, input.trendDates)));
      }
      continue;
    }
    const query = FACT_QUERIES[parsed.kind];
    const rows = await query.run(db, parsed.rule as never, input.window);
    for (const row of rows) {
      items.push({
        signalId: signal.id,
        entityId: row.id,
        item: factItem(signal, query.type, row, input.baseUrl),
      });
    }
  }
  const document: DigestDocument = {
    version: DIGEST_DOCUMENT_VERSION,
    subscription: input.subscription ?? null,
    slot: input.slot ? input.slot.toISOString() : null,
    window: {
      from: input.window.from ? input.window.from.toISOString() : null,
      to: input.window.to.toISOString(),
    },
    indexDates: input.indexDates,
    signals: input.signals.map((s) => ({ slug: s.slug, name: s.name, kind: s.kind })),
    items: items.map((i) => i.item),
    charts: { concentrationTrends, riskMovers: movers },
    empty: items.length === 0,
  };
  return { document, items };
}
