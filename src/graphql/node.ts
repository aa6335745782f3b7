import { badUserInput, notFound } from "./errors.ts";
import { decodeGlobalId } from "./ids.ts";

/** Fetches one row of a Node type by database id (through the request's loaders). */
export type NodeFetcher<Ctx> = (ctx: Ctx, id: number) => Promise<object | null>;

/** A row tagged with its GraphQL type so `Node.__resolveType` can tell types apart. */
export type TaggedNode = object & { __typename: string };

export const MAX_NODES = 100;

/** Resolves a global id to a tagged row, or null; a malformed id or unknown type is BAD_USER_INPUT. */
export async function fetchNode<Ctx>(
  fetchers: Record<string, NodeFetcher<Ctx>>,
  ctx: Ctx,
  globalId: string,
  argument: string,
): Promise<TaggedNode | null> {
  const { type, id } = decodeGlobalId(globalId, argument);
  const fetch = fetchers[type];
  if (!fetch) throw badUserInput(`Id "${globalId}" is of unknown type ${type}`, argument);
  const row = await fetch(ctx, id);
  return row ? { ...row, __typename: type } : null;
}

/** `Query.node` and `Query.nodes` over the given Node types. */
export function nodeQueries<Ctx>(fetchers: Record<string, NodeFetcher<Ctx>>) {
  return {
    node: async (_: unknown, args: { id: string }, ctx: Ctx) => {
      const node = await fetchNode(fetchers, ctx, args.id, "id");
      if (!node) throw notFound("node", "id", args.id);
      return node;
    },
    nodes: async (_: unknown, args: { ids: readonly string[] }, ctx: Ctx) => {
      if (args.ids.length > MAX_NODES) throw badUserInput(`At most ${MAX_NODES} ids`, "ids");
      return Promise.all(args.ids.map((id) => fetchNode(fetchers, ctx, id, "ids")));
    },
  };
}

/** `__resolveType` for interfaces whose values come tagged by fetchNode. */
export function resolveTaggedType(value: unknown): string | null {
  const tag = (value as Partial<TaggedNode> | null)?.__typename;
  return typeof tag === "string" ? tag : null;
}
