import { anonymousViewer, type Viewer } from "../auth/viewer.ts";
import type { Database } from "../db/client.ts";
import type { LookAhead } from "../graphql/plan/statement.ts";
import { computeDirectly, type IndexRun } from "../indices/cache.ts";
import type { DomainModule } from "./module.ts";
import { modules } from "./modules.ts";

type LoadersOf<M> = M extends DomainModule<infer L> ? L : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every domain's per-request loaders (the union of what each module's createLoaders returns). */
export type Loaders = Intersection<LoadersOf<(typeof modules)[number]>>;

/** Everything a resolver may use during one request; built fresh per request (DataLoaders live here). */
export interface RequestContext {
  db: Database;
  loaders: Loaders;
  /** Who is asking (API key and role, or anonymous); checked with requireRole() by fields that need a role. */
  viewer: Viewer;
  /**
   * Runs an index computation (riskScores, concentration, concentrationSeries, blastRadius, coverage):
   * through the index result cache and the INDEX_CONCURRENCY gate in the HTTP server
   * (src/indices/cache.ts), directly elsewhere.
   */
  indexRun: IndexRun;
  /** Whether connection fields build their page and selected relations in one statement (src/graphql/plan). */
  lookAhead: LookAhead;
}

/** A new context for one request (fresh DataLoaders: no caching across requests). */
export function createRequestContext(
  db: Database,
  viewer: Viewer = anonymousViewer,
  indexRun: IndexRun = computeDirectly,
  lookAhead = true,
): RequestContext {
  const loaders = Object.assign({}, ...modules.map((m: DomainModule) => m.createLoaders?.(db) ?? {}));
  return { db, loaders: loaders as Loaders, viewer, indexRun, lookAhead: { enabled: lookAhead, plans: 0 } };
}
