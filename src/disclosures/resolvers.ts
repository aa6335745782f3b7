import type {
  DisclosureFilter as DisclosureFilterInput,
  Resolvers,
} from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { globalIdField, lookupOne, required } from "../graphql/fields.ts";
import { decodeIdOf, decodeIdsOf } from "../graphql/ids.ts";
import { dayRange } from "../graphql/ranges.ts";
import { sourcesField } from "../sources/fields.ts";
import { type DisclosureFilter, disclosureSortColumns, getDisclosures } from "./queries.ts";

export const disclosureList = listing("Disclosure", disclosureSortColumns, {
  field: "PERIOD_END",
  direction: "DESC",
});

/** GraphQL DisclosureFilter → query filter (global ids decoded; bad input is BAD_USER_INPUT naming the field). */
export function disclosureFilterFromInput(
  input: DisclosureFilterInput | null | undefined,
): DisclosureFilter | null {
  if (!input) return null;
  return {
    vendorIds: input.vendor && decodeIdsOf("Vendor", input.vendor, "filter.vendor"),
    vendorKind: input.vendorKind,
    metric: input.metric,
    kind: input.kind,
    period: dayRange(input.period, "filter.period"),
  };
}

export const disclosureNodeTypes: Record<string, NodeFetcher> = {
  Disclosure: (ctx, id) => ctx.loaders.disclosureById.load(id),
};

export const disclosureResolvers: Resolvers = {
  Query: {
    disclosures: async (_, args, ctx) => {
      const { scope, ...page } = disclosureList(args);
      const filter = disclosureFilterFromInput(args.filter);
      return toConnection(await getDisclosures(ctx.db, { filter, ...page }), scope);
    },
    disclosure: (_, args, ctx) =>
      lookupOne("Disclosure", args, {
        id: (id) => ctx.loaders.disclosureById.load(decodeIdOf("Disclosure", id, "id")),
      }),
  },
  Disclosure: {
    id: globalIdField("Disclosure"),
    sources: sourcesField("disclosure"),
    vendor: (d, _, ctx) => required(d.vendorId, ctx.loaders.vendorById, "vendor"),
  },
  Vendor: {
    disclosures: async (v, args, ctx) => {
      const { scope, ...page } = disclosureList(args);
      const params = { filter: disclosureFilterFromInput(args.filter), ...page };
      return toConnection(await ctx.loaders.disclosuresByVendor(v.id, params, JSON.stringify(args)), scope);
    },
  },
};
