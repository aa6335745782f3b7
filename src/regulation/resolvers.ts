import type {
  RegulatoryEventFilter as RegulatoryEventFilterInput,
  Resolvers,
} from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import type { FacilityModel } from "../facilities/mappers.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { globalIdField, lookupOne } from "../graphql/fields.ts";
import { decodeIdOf, decodeIdsOf } from "../graphql/ids.ts";
import { resolveTaggedType } from "../graphql/node.ts";
import { dayRange } from "../graphql/ranges.ts";
import { sourcesField } from "../sources/fields.ts";
import type { VendorModel } from "../vendors/mappers.ts";
import { getRegulatoryEvents, type RegulatoryEventFilter, regulatoryEventSortColumns } from "./queries.ts";

export const regulatoryEventList = listing("RegulatoryEvent", regulatoryEventSortColumns, {
  field: "ANNOUNCED_ON",
  direction: "DESC",
});

/** A vendor or facility row tagged for `VendorOrFacility.__resolveType`. */
export const asVendor = (row: VendorModel) => ({ ...row, __typename: "Vendor" as const });
export const asFacility = (row: FacilityModel) => ({ ...row, __typename: "Facility" as const });

/** GraphQL RegulatoryEventFilter → query filter (global ids decoded; bad input is BAD_USER_INPUT naming the field). */
export function regulatoryEventFilterFromInput(
  input: RegulatoryEventFilterInput | null | undefined,
): RegulatoryEventFilter | null {
  if (!input) return null;
  return {
    jurisdiction: input.jurisdiction,
    topics: input.topics,
    stage: input.stage,
    instrument: input.instrument,
    announcedOn: dayRange(input.announcedOn, "filter.announcedOn"),
    vendorIds: input.vendor && decodeIdsOf("Vendor", input.vendor, "filter.vendor"),
    facilityIds: input.facility && decodeIdsOf("Facility", input.facility, "filter.facility"),
    search: input.search,
  };
}

export const regulationNodeTypes: Record<string, NodeFetcher> = {
  RegulatoryEvent: (ctx, id) => ctx.loaders.regulatoryEventById.load(id),
};

export const regulationResolvers: Resolvers = {
  Query: {
    regulatoryEvents: async (_, args, ctx) => {
      const { scope, ...page } = regulatoryEventList(args);
      const filter = regulatoryEventFilterFromInput(args.filter);
      return toConnection(await getRegulatoryEvents(ctx.db, { filter, ...page }), scope);
    },
    regulatoryEvent: (_, args, ctx) =>
      lookupOne("RegulatoryEvent", args, {
        id: (id) => ctx.loaders.regulatoryEventById.load(decodeIdOf("RegulatoryEvent", id, "id")),
        slug: (slug) => ctx.loaders.regulatoryEventBySlug.load(slug),
      }),
  },
  VendorOrFacility: { __resolveType: resolveTaggedType as never },
  RegulatoryEvent: {
    id: globalIdField("RegulatoryEvent"),
    sources: sourcesField("regulatoryEvent"),
    vendors: async (e, _, ctx) => (await ctx.loaders.vendorsNamedByEvent.load(e.id)).map((r) => r.vendor),
    facilities: async (e, _, ctx) =>
      (await ctx.loaders.facilitiesNamedByEvent.load(e.id)).map((r) => r.facility),
    subjects: async (e, _, ctx) => {
      const [named, sites] = await Promise.all([
        ctx.loaders.vendorsNamedByEvent.load(e.id),
        ctx.loaders.facilitiesNamedByEvent.load(e.id),
      ]);
      return [...named.map((r) => asVendor(r.vendor)), ...sites.map((r) => asFacility(r.facility))];
    },
  },
  Vendor: {
    regulatoryEvents: async (v, args, ctx) => {
      const { scope, ...page } = regulatoryEventList(args);
      const params = { filter: regulatoryEventFilterFromInput(args.filter), ...page };
      return toConnection(
        await ctx.loaders.regulatoryEventsByVendor(v.id, params, JSON.stringify(args)),
        scope,
      );
    },
  },
  Facility: {
    regulatoryEvents: async (f, args, ctx) => {
      const { scope, ...page } = regulatoryEventList(args);
      const params = { filter: regulatoryEventFilterFromInput(args.filter), ...page };
      return toConnection(
        await ctx.loaders.regulatoryEventsByFacility(f.id, params, JSON.stringify(args)),
        scope,
      );
    },
  },
};
