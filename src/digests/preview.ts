import type { Database } from "../db/client.ts";
import { getSignalsBySlugs } from "../signals/queries.ts";
import { buildDigestContent } from "./content.ts";
import type { DigestDocument } from "./document.ts";
import { DigestInputError } from "./errors.ts";

/** Trend points of a preview (the digest of a slot uses its last 12 slots). */
export const TREND_POINTS = 12;

export interface PreviewInput {
  signals: readonly string[];
  /** Facts entered after this instant; null = since the beginning (index moves then compare against `to` − 1 year). */
  from: Date | null;
  to: Date;
  baseUrl: string;
}

const day = (t: Date) => t.toISOString().slice(0, 10);

/** The digest the signals would produce for (from, to]: computed, nothing stored or sent. */
export async function previewDigest(db: Database, input: PreviewInput): Promise<DigestDocument> {
  if (input.from && input.from.getTime() >= input.to.getTime()) {
    throw new DigestInputError("from", "from must be before to");
  }
  const rows = await getSignalsBySlugs(db, input.signals);
  const missing = input.signals.filter((s) => !rows.some((r) => r.slug === s));
  if (missing.length > 0) throw new DigestInputError("signals", `unknown signal(s): ${missing.join(", ")}`);
  const yearBefore = new Date(input.to.getTime() - 365 * 86_400_000);
  const from = input.from ?? yearBefore;
  const span = input.to.getTime() - from.getTime();
  const trendDates = [
    ...new Set(
      Array.from({ length: TREND_POINTS }, (_, i) =>
        day(new Date(from.getTime() + (span * (i + 1)) / TREND_POINTS)),
      ),
    ),
  ];
  const { document } = await buildDigestContent(db, {
    signals: rows,
    window: { from: input.from, to: input.to },
    indexDates: { from: day(from), to: day(input.to) },
    trendDates,
    baseUrl: input.baseUrl,
  });
  return document;
}
