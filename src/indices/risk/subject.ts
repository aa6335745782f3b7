import type { SQL } from "drizzle-orm";

/**
 * How one subject kind plugs into the risk query (index.ts), after the base CTEs:
 * - ctes: more CTE definitions ("name as (...)", comma-separated, no leading comma);
 * - subjects: rows (subject_id text, sort_key text, name text, slug text, country text) — every
 *   subject of the kind at asOf (country feeds the `country` filter);
 * - values: rows (subject_id, component, value float8 in [0,1], note text) — one per component the kind
 *   has; a component with no data has value 0 and a note saying so;
 * - evidence: rows (subject_id, component, kind, id text, weight float8) for the subjects in the CTE
 *   `page` (subject_id) only: the rows that drove each component, the most influential first;
 * - unlistedEvidence (optional): rows (subject_id, component, n) counting n more rows that drove a
 *   component but cannot be among its listed evidence (e.g. a jurisdiction's rules below its top
 *   EVIDENCE_LIMIT), so evidenceCount stays the full count without ranking every row.
 */
export interface SubjectSql {
  ctes: SQL;
  subjects: SQL;
  values: SQL;
  evidence: SQL;
  unlistedEvidence?: SQL;
}

/** Zero-padded id, so numeric ids sort numerically as text. */
export const SORT_KEY_WIDTH = 12;
