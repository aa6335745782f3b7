import type { RequestContext } from "../api/context.ts";
import type {
  BlastProviderInput,
  Resolvers,
  ResolversTypes,
  RiskWeightInput,
} from "../api/generated/resolvers-types.ts";
import { badUserInput } from "../graphql/errors.ts";
import { required } from "../graphql/fields.ts";
import { decodeIdOf, toGlobalId } from "../graphql/ids.ts";
import { getBlastRadius } from "./blast-radius.ts";
import { getConcentration, getConcentrationSeries } from "./concentration/index.ts";
import { FORMULA_CONSTANTS } from "./constants.ts";
import { getDataCoverage } from "./coverage.ts";
import { IndexInputError } from "./errors.ts";
import { getRiskScores, type RiskScore } from "./risk/index.ts";
import type { RiskSubjectKind } from "./risk/parameters.ts";

/** Thin GraphQL layer over the index functions: argument conversion, global ids, error mapping. */

/** Runs an index function; an IndexInputError becomes BAD_USER_INPUT naming the argument. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof IndexInputError) throw badUserInput(error.message, error.argument);
    throw error;
  }
}

/** The Date scalar parses to a JS Date (midnight UTC); the indices take YYYY-MM-DD. */
const day = (value: unknown): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
const dayOrNull = (value: unknown): string | null => (value == null ? null : day(value));

const EVIDENCE_TYPES: Record<string, string> = {
  FACILITY: "Facility",
  OUTAGE: "Outage",
  REGULATORY_EVENT: "RegulatoryEvent",
  DEPENDENCY: "Dependency",
  DEPLOYMENT: "Deployment",
};

function subjectGlobalId(kind: RiskSubjectKind, id: string): string {
  if (kind === "FACILITY") return toGlobalId("Facility", Number(id));
  if (kind === "VENDOR") return toGlobalId("Vendor", Number(id));
  return id;
}

function toRiskScoreNode(s: RiskScore): ResolversTypes["RiskScore"] {
  return {
    subjectKind: s.subject.kind,
    subjectId: subjectGlobalId(s.subject.kind, s.subject.id),
    name: s.subject.name,
    score: s.score,
    coverage: s.coverage,
    components: s.components.map((c) => ({
      ...c,
      evidence: c.evidence.map((e) => ({
        kind: e.kind,
        id: toGlobalId(EVIDENCE_TYPES[e.kind] ?? e.kind, Number(e.id)),
      })),
    })),
  };
}

function filterIds(kind: RiskSubjectKind, ids: readonly string[] | null | undefined): string[] | null {
  if (!ids) return null;
  if (kind === "JURISDICTION") return [...ids];
  const type = kind === "FACILITY" ? "Facility" : "Vendor";
  return ids.map((id) => String(decodeIdOf(type, id, "filter.ids")));
}

const weightsOf = (weights: readonly RiskWeightInput[] | null | undefined) => weights ?? null;

async function subjectRisk(
  ctx: RequestContext,
  kind: RiskSubjectKind,
  id: number,
  args: { asOf: unknown; weights?: readonly RiskWeightInput[] | null },
) {
  return answering(async () => {
    const score = await ctx.loaders.riskScores(kind, day(args.asOf), weightsOf(args.weights)).load(id);
    return score ? toRiskScoreNode(score) : null; // not scored at asOf (e.g. decommissioned by then)
  });
}

/** The failed provider of blastRadius: exactly one of its four fields, as a vendor or facility id. */
async function blastProvider(
  ctx: RequestContext,
  input: BlastProviderInput,
): Promise<{ vendorId: number } | { facilityId: number }> {
  const given = (["vendor", "vendorSlug", "facility", "facilitySlug"] as const).filter(
    (k) => input[k] != null,
  );
  if (given.length !== 1) {
    throw new IndexInputError(
      "provider",
      "give exactly one of provider.vendor, provider.vendorSlug, provider.facility and provider.facilitySlug",
    );
  }
  const { vendor, vendorSlug, facility, facilitySlug } = input;
  if (vendor != null) return { vendorId: decodeIdOf("Vendor", vendor, "provider.vendor") };
  if (facility != null) return { facilityId: decodeIdOf("Facility", facility, "provider.facility") };
  if (vendorSlug != null) {
    const row = await ctx.loaders.vendorBySlug.load(vendorSlug);
    if (!row) throw new IndexInputError("provider.vendorSlug", `no vendor with slug "${vendorSlug}"`);
    return { vendorId: row.id };
  }
  const row = await ctx.loaders.facilityBySlug.load(facilitySlug as string);
  if (!row) throw new IndexInputError("provider.facilitySlug", `no facility with slug "${facilitySlug}"`);
  return { facilityId: row.id };
}

export const indexResolvers: Resolvers = {
  Query: {
    concentration: (_, args, ctx) =>
      answering(async () => {
        const query = {
          dimension: args.dimension,
          measure: args.measure,
          segment: args.segment ?? null,
          asOf: day(args.asOf),
          compareTo: dayOrNull(args.compareTo),
          n: args.n ?? null,
          rollup: args.rollup ?? null,
        };
        const c = await ctx.indexRun("concentration", query, () => getConcentration(ctx.db, query));
        return {
          ...c,
          shares: c.shares.map((s) => ({
            value: s.value,
            share: s.share,
            entity: {
              kind: s.entity.kind,
              key: s.entity.kind === "VENDOR" ? toGlobalId("Vendor", Number(s.entity.id)) : s.entity.id,
              name: s.entity.name,
            },
          })),
        };
      }),
    concentrationSeries: (_, args, ctx) =>
      answering(() => {
        const query = {
          dimension: args.dimension,
          measure: args.measure,
          segment: args.segment ?? null,
          from: day(args.from),
          to: day(args.to),
          interval: args.interval ?? "YEAR",
          n: args.n ?? null,
          rollup: args.rollup ?? null,
        };
        return ctx.indexRun("concentrationSeries", query, () => getConcentrationSeries(ctx.db, query));
      }),
    riskScores: (_, args, ctx) =>
      answering(async () => {
        const query = {
          subject: args.subject,
          asOf: day(args.asOf),
          weights: weightsOf(args.weights),
          filter: { ids: filterIds(args.subject, args.filter?.ids), country: args.filter?.country ?? null },
          first: args.first ?? null,
          after: args.after ?? null,
        };
        const r = await ctx.indexRun("riskScores", query, () => getRiskScores(ctx.db, query));
        return {
          totalCount: r.totalCount,
          weights: r.weights,
          edges: r.items.map((i) => ({ cursor: i.cursor, node: toRiskScoreNode(i) })),
          pageInfo: {
            hasNextPage: r.hasNextPage,
            hasPreviousPage: Boolean(args.after),
            startCursor: r.items[0]?.cursor ?? null,
            endCursor: r.endCursor,
          },
        };
      }),
    blastRadius: (_, args, ctx) =>
      answering(async () => {
        const provider = await blastProvider(ctx, args.provider);
        const query = { provider, asOf: day(args.asOf), maxDepth: args.maxDepth ?? null };
        const r = await ctx.indexRun("blastRadius", query, () => getBlastRadius(ctx.db, query));
        return r;
      }),
    formulaConstants: () => [...FORMULA_CONSTANTS],
    coverage: (_, args, ctx) =>
      answering(() => {
        const asOf = args.asOf == null ? new Date().toISOString().slice(0, 10) : day(args.asOf);
        return ctx.indexRun("coverage", { asOf }, () => getDataCoverage(ctx.db, asOf));
      }),
  },
  BlastDependent: {
    vendor: (d, _, ctx) => required(d.vendor.id, ctx.loaders.vendorById, "vendor"),
  },
  BlastPathStep: {
    vendor: (s, _, ctx) => (s.kind === "VENDOR" ? ctx.loaders.vendorById.load(s.id) : null),
    facility: (s, _, ctx) => (s.kind === "FACILITY" ? ctx.loaders.facilityById.load(s.id) : null),
  },
  FormulaConstant: {
    source: (c, _, ctx) => (c.sourceUrl == null ? null : ctx.loaders.sourceByUrl.load(String(c.sourceUrl))),
  },
  MarketEntity: {
    vendor: (e, _, ctx) =>
      e.kind === "VENDOR" ? ctx.loaders.vendorById.load(decodeIdOf("Vendor", e.key, "key")) : null,
  },
  RiskScore: {
    facility: (s, _, ctx) =>
      s.subjectKind === "FACILITY"
        ? ctx.loaders.facilityById.load(decodeIdOf("Facility", s.subjectId, "subjectId"))
        : null,
    vendor: (s, _, ctx) =>
      s.subjectKind === "VENDOR"
        ? ctx.loaders.vendorById.load(decodeIdOf("Vendor", s.subjectId, "subjectId"))
        : null,
  },
  Facility: {
    risk: (f, args, ctx) => subjectRisk(ctx, "FACILITY", f.id, args),
  },
  Vendor: {
    risk: (v, args, ctx) => subjectRisk(ctx, "VENDOR", v.id, args),
  },
};
