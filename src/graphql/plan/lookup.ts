import type { GraphQLResolveInfo } from "graphql";
import type { Database } from "../../db/client.ts";
import { decodeIdOf } from "../ids.ts";
import type { EntityPlan } from "./entity.ts";
import { type LookAhead, planOne } from "./statement.ts";

/** A loader of rows by one key (a DataLoader): null when no row has it. */
interface RowsByKey<K, Row> {
  load(key: K): Promise<Row | null>;
}

/**
 * The finders of a root lookup field (`facility(id, slug)`, for lookupOne): the row by global id or
 * by slug with the relations the query selects below it, in one statement (planOne); through the
 * loaders when the look-ahead is off or the selection is not plannable. Either way a global id of
 * another type is the same BAD_USER_INPUT, and no row is null (lookupOne's NOT_FOUND).
 */
export function plannedLookup<Row>(
  ctx: { db: Database; lookAhead: LookAhead },
  info: GraphQLResolveInfo,
  plan: EntityPlan,
  loaders: { byId: RowsByKey<number, Row>; bySlug: RowsByKey<string, Row> },
): Record<"id" | "slug", (value: string) => Promise<Row | null>> {
  return {
    id: (id) => {
      const key = decodeIdOf(plan.type, id, "id");
      return planOne<Row>(ctx, info, plan, "id", key) ?? loaders.byId.load(key);
    },
    slug: (slug) => planOne<Row>(ctx, info, plan, "slug", slug) ?? loaders.bySlug.load(slug),
  };
}
