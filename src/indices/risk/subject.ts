import { type SQL, sql } from "drizzle-orm";
import type { RiskComponent } from "./parameters.ts";

/**
 * How one subject kind plugs into the risk query (index.ts), after the base CTEs:
 * - ctes: more CTE definitions ("name as (...)", comma-separated, no leading comma);
 * - subjects: one row per subject of the kind at asOf: (subject_id text, sort_key text, country text)
 *   and, for each of its components k (componentsOf in parameters.ts), the columns valueColumn(k) (float8
 *   in [0,1]; a component with no data is 0), noteColumn(k) (text: why, when data is missing) and
 *   knownColumn(k) (boolean: data existed for the subject, so a 0 is a true 0 and not "no data");
 *   country feeds the `country` filter; more columns may follow for the evidence to read from `page`;
 * - evidenceCtes (optional): more CTE definitions placed after `page` (which they may read), for
 *   evidence and unlistedEvidence;
 * - names: rows (subject_id, name text, slug text) for the subjects in `page` only (read last, so the
 *   names of subjects off the page are never carried through the ranking);
 * - evidence: rows (subject_id, component, kind, id text, weight float8) for the subjects in the CTE
 *   `page` (subject_id) only: the rows that drove each component, the most influential first;
 * - unlistedEvidence (optional): rows (subject_id, component, n) counting n more rows that drove a
 *   component but cannot be among its listed evidence (e.g. a jurisdiction's rules below its top
 *   EVIDENCE_LIMIT), so evidenceCount stays the full count without ranking every row.
 */
export interface SubjectSql {
  ctes: SQL;
  subjects: SQL;
  evidenceCtes?: SQL;
  names: SQL;
  evidence: SQL;
  unlistedEvidence?: SQL;
}

/** The column of `subjects` holding component k's value. */
export const valueColumn = (k: RiskComponent): SQL => sql`${sql.identifier(k.toLowerCase())}`;

/** The column of `subjects` holding component k's note. */
export const noteColumn = (k: RiskComponent): SQL => sql`${sql.identifier(`${k.toLowerCase()}_note`)}`;

/**
 * The column of `subjects` saying whether component k had data for the subject. Registers (outages,
 * rules, dependencies) count their absence as a known 0; measured inputs (rack density, PUE/WUE, MW,
 * installed accelerators) are unknown when not recorded.
 */
export const knownColumn = (k: RiskComponent): SQL => sql`${sql.identifier(`${k.toLowerCase()}_known`)}`;

/** Zero-padded id, so numeric ids sort numerically as text. */
export const SORT_KEY_WIDTH = 12;
