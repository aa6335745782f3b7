import type { RequestContext } from "../api/context.ts";
import { actorOf, requireRole } from "../auth/viewer.ts";
import { toGlobalId } from "../graphql/ids.ts";
import { createFact, deleteFact, updateFact, type WriteSpec } from "./facts.ts";
import { inputIdOf } from "./ids.ts";
import { payloadOf } from "./payload.ts";

/** The GraphQL names of one entity's mutations and the payload field holding the written row. */
export interface MutationNames {
  create: string;
  update: string;
  delete: string;
  /** The payload field of create/update, e.g. "facility". */
  field: string;
}

type Args = { input?: Record<string, unknown>; id?: string; expectedUpdatedAt?: Date };

/**
 * createX / updateX / deleteX resolvers for an entity: EDITOR or higher (anonymous callers get
 * UNAUTHENTICATED, READER keys FORBIDDEN), then the generic write path; bad input comes back as
 * userErrors in the payload.
 */
export function factMutations<Rec>(spec: WriteSpec<Rec>, names: MutationNames) {
  const writer = (ctx: RequestContext) => {
    requireRole(ctx.viewer, "EDITOR");
    return actorOf(ctx.viewer);
  };
  return {
    [names.create]: (_: unknown, args: Args, ctx: RequestContext) => {
      const actor = writer(ctx);
      return payloadOf(async () => ({ [names.field]: await createFact(ctx.db, spec, args.input, actor) }));
    },
    [names.update]: (_: unknown, args: Args, ctx: RequestContext) => {
      const actor = writer(ctx);
      return payloadOf(async () => {
        const id = inputIdOf(spec.type, args.id as string, ["id"]);
        const row = await updateFact(
          ctx.db,
          spec,
          id,
          args.expectedUpdatedAt as Date,
          args.input ?? {},
          actor,
        );
        return { [names.field]: row };
      });
    },
    [names.delete]: (_: unknown, args: Args, ctx: RequestContext) => {
      const actor = writer(ctx);
      return payloadOf(async () => {
        const id = inputIdOf(spec.type, args.id as string, ["id"]);
        await deleteFact(ctx.db, spec, id, args.expectedUpdatedAt as Date, actor);
        return { deletedId: toGlobalId(spec.type, id) };
      });
    },
  };
}
