import { anonymousViewer, type Viewer } from "../auth/viewer.ts";
import { createChipLoaders } from "../chips/loaders.ts";
import type { Database } from "../db/client.ts";
import { createDisclosureLoaders } from "../disclosures/loaders.ts";
import { createFacilityLoaders } from "../facilities/loaders.ts";
import { createMarketLoaders } from "../market/loaders.ts";
import { createModelLoaders } from "../models/loaders.ts";
import { createOutageLoaders } from "../outages/loaders.ts";
import { createRegulationLoaders } from "../regulation/loaders.ts";
import { createSourceLoaders } from "../sources/loaders.ts";
import { createVendorLoaders } from "../vendors/loaders.ts";

/** Everything a resolver may use during one request; built fresh per request (DataLoaders live here). */
export interface RequestContext {
  db: Database;
  loaders: Loaders;
  /** Who is asking (API key and role, or anonymous); checked with requireRole() by fields that need a role. */
  viewer: Viewer;
}

/** Every domain's per-request loaders; a new domain adds its `createXLoaders(db)` here. */
function createLoaders(db: Database) {
  return {
    ...createVendorLoaders(db),
    ...createChipLoaders(db),
    ...createFacilityLoaders(db),
    ...createSourceLoaders(db),
    ...createOutageLoaders(db),
    ...createRegulationLoaders(db),
    ...createDisclosureLoaders(db),
    ...createMarketLoaders(db),
    ...createModelLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** A new context for one request (fresh DataLoaders: no caching across requests). */
export function createRequestContext(db: Database, viewer: Viewer = anonymousViewer): RequestContext {
  return { db, loaders: createLoaders(db), viewer };
}
