import type { OutageFilter as OutageFilterInput, Resolvers } from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { globalIdField, lookupOne, related } from "../graphql/fields.ts";
import { decodeIdOf, decodeIdsOf } from "../graphql/ids.ts";
import { instantRange, intRange } from "../graphql/ranges.ts";
import { sourcesField } from "../sources/fields.ts";
import { getOutages, type OutageFilter, outageDurationMinutes, outageSortColumns } from "./queries.ts";

export const outageList = listing("Outage", outageSortColumns, { field: "STARTED_AT", direction: "DESC" });

/** GraphQL OutageFilter → query filter (global ids decoded; bad input is BAD_USER_INPUT naming the field). */
export function outageFilterFromInput(input: OutageFilterInput | null | undefined): OutageFilter | null {
  if (!input) return null;
  return {
    severity: intRange(input.severity, "filter.severity", { lowest: 1, highest: 5 }),
    cause: input.cause,
    startedAt: instantRange(input.startedAt, "filter.startedAt"),
    vendorIds: input.vendor && decodeIdsOf("Vendor", input.vendor, "filter.vendor"),
    vendorKind: input.vendorKind,
    facilityIds: input.facility && decodeIdsOf("Facility", input.facility, "filter.facility"),
    region: input.region,
    search: input.search,
  };
}

export const outageNodeTypes: Record<string, NodeFetcher> = {
  Outage: (ctx, id) => ctx.loaders.outageById.load(id),
};

export const outageResolvers: Resolvers = {
  Query: {
    outages: async (_, args, ctx) => {
      const { scope, ...page } = outageList(args);
      const filter = outageFilterFromInput(args.filter);
      return toConnection(await getOutages(ctx.db, { filter, ...page }), scope);
    },
    outage: (_, args, ctx) =>
      lookupOne("Outage", args, {
        id: (id) => ctx.loaders.outageById.load(decodeIdOf("Outage", id, "id")),
        slug: (slug) => ctx.loaders.outageBySlug.load(slug),
      }),
  },
  Outage: {
    id: globalIdField("Outage"),
    sources: sourcesField("outage"),
    durationMinutes: (o) => outageDurationMinutes(o),
    impacts: (o, _, ctx) => ctx.loaders.impactsByOutage.load(o.id),
  },
  OutageImpact: {
    vendor: (i, _, ctx) => related(i.vendorId, ctx.loaders.vendorById),
    facility: (i, _, ctx) => related(i.facilityId, ctx.loaders.facilityById),
  },
  Vendor: {
    outages: async (v, args, ctx) => {
      const { scope, ...page } = outageList(args);
      const params = { filter: outageFilterFromInput(args.filter), ...page };
      return toConnection(await ctx.loaders.outagesByVendor(v.id, params, JSON.stringify(args)), scope);
    },
  },
  Facility: {
    outages: async (f, args, ctx) => {
      const { scope, ...page } = outageList(args);
      const params = { filter: outageFilterFromInput(args.filter), ...page };
      return toConnection(await ctx.loaders.outagesByFacility(f.id, params, JSON.stringify(args)), scope);
    },
  },
};
