/**
 * The digest document, version 1: what the JSON format delivers and what Markdown/HTML render.
 * Documented in src/digests/README.md; a change that removes or retypes a field bumps `version`.
 */
export const DIGEST_DOCUMENT_VERSION = 1;

export type DigestItemType =
  | "RegulatoryEvent"
  | "Outage"
  | "Disclosure"
  | "Model"
  | "ConcentrationMove"
  | "RiskMove";

export interface DigestSource {
  url: string;
  title: string;
  publisher: string;
}

export interface DigestItem {
  /** Slug of the signal the item matched. */
  signal: string;
  type: DigestItemType;
  /** Global id of the row (null for index moves, which are computed, not stored). */
  id: string | null;
  title: string;
  /** One line: what happened, in figures. */
  detail: string;
  /** When the fact entered the database (ISO 8601); null for index moves. */
  recordedAt: string | null;
  /** The date the fact is about (announcement, start, period end, release), if known. */
  eventDate: string | null;
  /** GraphiQL opening the row (or the index query). */
  link: string;
  sources: DigestSource[];
}

export interface ConcentrationTrend {
  /** e.g. "ACCELERATORS by CHIP_DESIGNER". */
  label: string;
  points: { date: string; hhi: number | null }[];
}

export interface RiskMover {
  name: string;
  id: string | null;
  from: number;
  to: number;
  delta: number;
}

export interface DigestDocument {
  version: typeof DIGEST_DOCUMENT_VERSION;
  /** Null for a preview. */
  subscription: { slug: string; name: string } | null;
  /** The slot (ISO 8601); null for a preview. */
  slot: string | null;
  /** Facts that entered the database in (from, to]; `from` null = since the beginning. */
  window: { from: string | null; to: string };
  /** The index dates compared (from, to). */
  indexDates: { from: string; to: string };
  signals: { slug: string; name: string; kind: string }[];
  items: DigestItem[];
  charts: { concentrationTrends: ConcentrationTrend[]; riskMovers: RiskMover[] };
  /** True when no item matched: the digest says so rather than being silent. */
  empty: boolean;
}
