import type { RequestContext } from "../api/context.ts";
import type { CitationModel } from "./mappers.ts";
import type { CitedEntity } from "./queries.ts";

/** The `sources` field of a Fact type: its citations, batched per fact kind. */
export const sourcesField =
  (entity: CitedEntity) =>
  (row: { id: number }, _args: unknown, ctx: RequestContext): Promise<CitationModel[]> =>
    ctx.loaders.citations(entity).load(row.id);
