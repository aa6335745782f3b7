import type { GraphQLResolveInfo } from "graphql";
import type { Database } from "../../db/client.ts";
import { lookupOne } from "../fields.ts";
import { decodeIdOf } from "../ids.ts";
import type { EntityPlan } from "./entity.ts";
import { type LookAhead, planOne } from "./statement.ts";

/** A loader of rows by one key (a DataLoader): null when no row has it. */
interface RowsByKey<K, Row> {
  load(key: K): Promise<Row | null>;
}

/**
 * A root lookup field (`facility(id, slug)`: exactly one of the two, lookupOne): the row by global
 * id or by slug with the relations the query selects below it, in one statement (planOne); through
 * the loaders when the look-ahead is off or the selection is not plannable. Either way a global id
 * of another type is the same BAD_USER_INPUT, and no row is NOT_FOUND.
 */
export function lookupPlanned<Row>(
  ctx: { db: Database; lookAhead: LookAhead },
  info: GraphQLResolveInfo,
  args: Record<string, string | null | undefined>,
  plan: EntityPlan,
  byId: RowsByKey<number, Row>,
  bySlug: RowsByKey<string, Row>,
): Promise<Row> {
  return lookupOne<Row>(plan.type, args, {
    id: (id) => {
      const key = decodeIdOf(plan.type, id, "id");
      return planOne<Row>(ctx, info, plan, "id", key) ?? byId.load(key);
    },
    slug: (slug) => planOne<Row>(ctx, info, plan, "slug", slug) ?? bySlug.load(slug),
  });
}
