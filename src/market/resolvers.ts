import type {
  DependencyFilter as DependencyFilterInput,
  VendorMarketShareFilter as MarketShareFilterInput,
  Resolvers,
} from "../api/generated/resolvers-types.ts";
import type { NodeFetcher } from "../api/module.ts";
import { listing, toConnection } from "../graphql/connection.ts";
import { badUserInput } from "../graphql/errors.ts";
import { globalIdField, lookupOne, required } from "../graphql/fields.ts";
import { decodeGlobalId, decodeIdOf, decodeIdsOf } from "../graphql/ids.ts";
import { toDay } from "../graphql/ranges.ts";
import { asFacility, asVendor } from "../regulation/resolvers.ts";
import { sourcesField } from "../sources/fields.ts";
import { type DependencyFilter, dependencySortColumns, getDependencies } from "./dependencies.ts";
import { getMarketShares, type MarketShareFilter, marketShareSortColumns } from "./shares.ts";

export const marketShareList = listing("VendorMarketShare", marketShareSortColumns, {
  field: "PERIOD_END",
  direction: "DESC",
});
export const dependencyList = listing("Dependency", dependencySortColumns, {
  field: "WEIGHT",
  direction: "DESC",
});

/** GraphQL VendorMarketShareFilter → query filter. */
export function marketShareFilterFromInput(
  input: MarketShareFilterInput | null | undefined,
): MarketShareFilter | null {
  if (!input) return null;
  return {
    segment: input.segment,
    vendorIds: input.vendor && decodeIdsOf("Vendor", input.vendor, "filter.vendor"),
    containing: input.containing == null ? null : toDay(input.containing, "filter.containing"),
    basis: input.basis,
  };
}

/** Provider global ids (vendors or facilities) → database ids by type; any other type is BAD_USER_INPUT. */
function providerIds(ids: readonly string[]): { vendorIds: number[]; facilityIds: number[] } {
  const out = { vendorIds: [] as number[], facilityIds: [] as number[] };
  for (const value of ids) {
    const { type, id } = decodeGlobalId(value, "filter.provider");
    if (type === "Vendor") out.vendorIds.push(id);
    else if (type === "Facility") out.facilityIds.push(id);
    else throw badUserInput(`Id "${value}" is a ${type}, expected a Vendor or a Facility`, "filter.provider");
  }
  return out;
}

/** GraphQL DependencyFilter → query filter. */
export function dependencyFilterFromInput(
  input: DependencyFilterInput | null | undefined,
): DependencyFilter | null {
  if (!input) return null;
  return {
    dependentIds: input.dependent && decodeIdsOf("Vendor", input.dependent, "filter.dependent"),
    provider: input.provider && providerIds(input.provider),
    kind: input.kind,
    activeOn: input.activeOn == null ? null : toDay(input.activeOn),
  };
}

export const marketNodeTypes: Record<string, NodeFetcher> = {
  VendorMarketShare: (ctx, id) => ctx.loaders.marketShareById.load(id),
  Dependency: (ctx, id) => ctx.loaders.dependencyById.load(id),
};

export const marketResolvers: Resolvers = {
  Query: {
    marketShares: async (_, args, ctx) => {
      const { scope, ...page } = marketShareList(args);
      const filter = marketShareFilterFromInput(args.filter);
      return toConnection(await getMarketShares(ctx.db, { filter, ...page }), scope);
    },
    marketShare: (_, args, ctx) =>
      lookupOne("VendorMarketShare", args, {
        id: (id) => ctx.loaders.marketShareById.load(decodeIdOf("VendorMarketShare", id, "id")),
      }),
    dependencies: async (_, args, ctx) => {
      const { scope, ...page } = dependencyList(args);
      const filter = dependencyFilterFromInput(args.filter);
      return toConnection(await getDependencies(ctx.db, { filter, ...page }), scope);
    },
    dependency: (_, args, ctx) =>
      lookupOne("Dependency", args, {
        id: (id) => ctx.loaders.dependencyById.load(decodeIdOf("Dependency", id, "id")),
      }),
  },
  VendorMarketShare: {
    id: globalIdField("VendorMarketShare"),
    sources: sourcesField("marketShare"),
    vendor: (s, _, ctx) => required(s.vendorId, ctx.loaders.vendorById, "vendor"),
  },
  Dependency: {
    id: globalIdField("Dependency"),
    sources: sourcesField("dependency"),
    dependent: (d, _, ctx) => required(d.dependentId, ctx.loaders.vendorById, "vendor"),
    // Exactly one provider column is set (CHECK dependencies_exactly_one_provider).
    provider: async (d, _, ctx) =>
      d.providerVendorId != null
        ? asVendor(await required(d.providerVendorId, ctx.loaders.vendorById, "vendor"))
        : asFacility(await required(d.providerFacilityId as number, ctx.loaders.facilityById, "facility")),
  },
  Vendor: {
    marketShares: async (v, args, ctx) => {
      const { scope, ...page } = marketShareList(args);
      const params = { filter: marketShareFilterFromInput(args.filter), ...page };
      return toConnection(await ctx.loaders.marketSharesByVendor(v.id, params, JSON.stringify(args)), scope);
    },
    dependencies: async (v, args, ctx) => {
      const { scope, ...page } = dependencyList(args);
      const params = { filter: dependencyFilterFromInput(args.filter), ...page };
      return toConnection(
        await ctx.loaders.dependenciesByDependent(v.id, params, JSON.stringify(args)),
        scope,
      );
    },
    dependents: async (v, args, ctx) => {
      const { scope, ...page } = dependencyList(args);
      const params = { filter: dependencyFilterFromInput(args.filter), ...page };
      return toConnection(await ctx.loaders.dependentsOfVendor(v.id, params, JSON.stringify(args)), scope);
    },
  },
  Facility: {
    dependents: async (f, args, ctx) => {
      const { scope, ...page } = dependencyList(args);
      const params = { filter: dependencyFilterFromInput(args.filter), ...page };
      return toConnection(await ctx.loaders.dependentsOfFacility(f.id, params, JSON.stringify(args)), scope);
    },
  },
};
