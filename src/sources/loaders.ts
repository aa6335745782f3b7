import type DataLoader from "dataloader";
import type { Database } from "../db/client.ts";
import { groupLoader, rowLoader } from "../graphql/loaders.ts";
import {
  type CitationRow,
  type CitedEntity,
  getCitationCounts,
  getCitations,
  getSourcesByIds,
  getSourcesByUrls,
} from "./queries.ts";

/** Per-request source and citation loaders; `citations(entity)` serves every fact type. */
export function createSourceLoaders(db: Database) {
  const citationLoaders = new Map<CitedEntity, DataLoader<number, CitationRow[]>>();
  return {
    sourceById: rowLoader(
      (ids: readonly number[]) => getSourcesByIds(db, ids),
      (r) => r.id,
    ),
    sourceByUrl: rowLoader(
      (urls: readonly string[]) => getSourcesByUrls(db, urls),
      (r) => r.url,
    ),
    citationCounts: groupLoader(
      (ids: readonly number[]) => getCitationCounts(db, ids),
      (r) => r.sourceId,
    ),
    /** The citations of facts of one kind, batched per kind. */
    citations(entity: CitedEntity): DataLoader<number, CitationRow[]> {
      let loader = citationLoaders.get(entity);
      if (!loader) {
        loader = groupLoader(
          (ids: readonly number[]) => getCitations(db, entity, ids),
          (r) => r.subjectId,
        );
        citationLoaders.set(entity, loader);
      }
      return loader;
    },
  };
}
