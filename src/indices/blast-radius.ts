import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { queryRows } from "../db/rows.ts";
import { capacityAt } from "./capacity.ts";
import { checkIndexDate } from "./dates.ts";
import { IndexInputError } from "./errors.ts";
import { withoutJit } from "./jit.ts";
import { dependencyActiveAt, operationalAt } from "./operational.ts";

export const DEFAULT_MAX_DEPTH = 6;
export const MAX_DEPTH = 10;

export type BlastProvider = { vendorId: number } | { facilityId: number };

export interface BlastRadiusQuery {
  provider: BlastProvider;
  asOf: string;
  maxDepth?: number | null;
}

export interface PathStep {
  kind: "VENDOR" | "FACILITY";
  id: number;
}

export interface BlastDependent {
  vendor: { id: number; slug: string; name: string; kind: string };
  /** Number of dependency hops on `path`. */
  depth: number;
  /** Fewest hops on any path (1 = a direct dependent). */
  shortestDepth: number;
  /** The most exposing path, from the provider to this vendor (facility steps included). */
  path: PathStep[];
  /** max over paths of Π weight along the path (a missing weight counts as 1). */
  exposure: number;
  /** The reported path has at least one dependency without a weight (counted as 1). */
  weightUnknown: boolean;
}

export interface BlastRadius {
  provider: { kind: "VENDOR" | "FACILITY"; id: number; name: string };
  asOf: string;
  maxDepth: number;
  /** MW operational at asOf behind the provider (its own facilities, or the facility itself). */
  providerCapacityMw: number;
  /** providerCapacityMw / all MW operational at asOf; null when nothing is operational. */
  capacityShare: number | null;
  /** Most exposed first (then shallowest, then vendor id). */
  dependents: BlastDependent[];
  /** Distinct dependencies on the reported paths. */
  pathEdges: number;
  /** Of those, how many have no weight (each counted as 1, so exposures through them are upper bounds). */
  edgesWithoutWeight: number;
}

/**
 * Who fails with a provider (DESIGN §3, question 5). The graph: vendor X → vendor Y when Y depends on X
 * or on a facility X operates (the facility appears on the path), using only dependencies active at
 * asOf. One recursive CTE walks every simple path up to maxDepth hops; a path never revisits a node
 * (`NOT (node = ANY(path))`), so cycles terminate and the provider (the first node) is never its own
 * dependent. For a facility provider the walk starts at the facility's direct dependents.
 */
export async function getBlastRadius(db: Database, query: BlastRadiusQuery): Promise<BlastRadius> {
  const asOf = checkIndexDate("asOf", query.asOf);
  const maxDepth = query.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_DEPTH) {
    throw new IndexInputError(
      "maxDepth",
      `maxDepth must be an integer from 1 to ${MAX_DEPTH}, got ${maxDepth}`,
    );
  }
  const at = sql`${asOf}::date`;
  const isVendor = "vendorId" in query.provider;
  const providerId = isVendor
    ? (query.provider as { vendorId: number }).vendorId
    : (query.provider as { facilityId: number }).facilityId;
  if (!Number.isInteger(providerId)) throw new IndexInputError("provider", "provider id must be an integer");
  const root = isVendor ? sql`'VENDOR:' || ${providerId}::int` : sql`'FACILITY:' || ${providerId}::int`;

  const cap = capacityAt("f", at);
  const [head] = await queryRows<{ name: string | null; provider_mw: number; total_mw: number }>(
    db,
    sql`select
        ${isVendor ? sql`(select name from vendors where id = ${providerId}::int)` : sql`(select name from facilities where id = ${providerId}::int)`} as name,
        coalesce(sum(${cap.itMw}) filter (where ${isVendor ? sql`f.operator_id` : sql`f.id`} = ${providerId}::int), 0)::float8 as provider_mw,
        coalesce(sum(${cap.itMw}), 0)::float8 as total_mw
      from facilities f ${cap.join} where ${operationalAt("f", at)}`,
  );
  if (!head || head.name === null) {
    throw new IndexInputError("provider", `no ${isVendor ? "vendor" : "facility"} with id ${providerId}`);
  }

  // Edges out of a vendor: direct vendor dependencies, and dependencies on a facility it operates.
  const edges = sql`select d.provider_vendor_id as from_vendor, null::int as via_facility, d.dependent_id as to_vendor, d.weight, d.id as dependency_id
      from dependencies d where d.provider_vendor_id is not null and ${dependencyActiveAt("d", at)}
    union all
    select f.operator_id, f.id, d.dependent_id, d.weight, d.id
      from dependencies d join facilities f on f.id = d.provider_facility_id
      where ${dependencyActiveAt("d", at)}`;
  const firstHop = isVendor
    ? sql`select e.to_vendor, e.via_facility, e.weight, e.dependency_id from edges e where e.from_vendor = ${providerId}::int`
    : sql`select d.dependent_id as to_vendor, null::int as via_facility, d.weight, d.id as dependency_id from dependencies d
          where d.provider_facility_id = ${providerId}::int and ${dependencyActiveAt("d", at)}`;
  // The nodes one hop `h` adds to a path: the facility it goes through (if any), then the dependent.
  const step = sql`case when h.via_facility is null then array['VENDOR:' || h.to_vendor]
             else array['FACILITY:' || h.via_facility, 'VENDOR:' || h.to_vendor] end`;

  const rows = await withoutJit(db, (tx) =>
    queryRows<{
      vendor_id: number;
      slug: string;
      name: string;
      kind: string;
      depth: number;
      shortest_depth: number;
      path: string[] | string;
      exposure: number;
      weight_unknown: boolean;
      path_edges: number;
      unweighted_edges: number;
    }>(
      tx,
      sql`with recursive edges as (${edges}),
    walk(vendor_id, depth, path, exposure, weight_unknown, dependency_ids) as (
      select h.to_vendor, 1, array[${root}] || ${step}, coalesce(h.weight, 1)::float8, h.weight is null, array[h.dependency_id]
      from (${firstHop}) h
      where h.to_vendor is not null and not ('VENDOR:' || h.to_vendor = ${root})
      union all
      select h.to_vendor, w.depth + 1, w.path || ${step}, ${timesWeight(sql`w.exposure`, sql`h.weight`)},
             w.weight_unknown or h.weight is null, w.dependency_ids || h.dependency_id
      from walk w
      join edges h on h.from_vendor = w.vendor_id
      where w.depth < ${maxDepth}::int and not (('VENDOR:' || h.to_vendor) = any(w.path))
    ),
    best as (
      select distinct on (w.vendor_id) w.*, min(w.depth) over (partition by w.vendor_id) as shortest_depth
      from walk w
      order by w.vendor_id, w.exposure desc, w.depth, w.weight_unknown, w.path
    ),
    path_edges as (
      select count(distinct d.id)::int as n, (count(distinct d.id) filter (where d.weight is null))::int as unweighted
      from best b cross join unnest(b.dependency_ids) x(id) join dependencies d on d.id = x.id
    )
    select b.vendor_id, v.slug, v.name, v.kind::text as kind, b.depth, b.shortest_depth, b.path, b.exposure, b.weight_unknown,
      pe.n as path_edges, pe.unweighted as unweighted_edges
    from best b join vendors v on v.id = b.vendor_id cross join path_edges pe
    order by b.exposure desc, b.depth, b.vendor_id`,
    ),
  );
  const total = Number(head.total_mw);
  return {
    provider: { kind: isVendor ? "VENDOR" : "FACILITY", id: providerId, name: head.name },
    asOf,
    maxDepth,
    providerCapacityMw: Number(head.provider_mw),
    capacityShare: total > 0 ? Number(head.provider_mw) / total : null,
    dependents: rows.map((r) => ({
      vendor: { id: Number(r.vendor_id), slug: r.slug, name: r.name, kind: r.kind },
      depth: Number(r.depth),
      shortestDepth: Number(r.shortest_depth),
      path: parsePath(r.path),
      exposure: Number(r.exposure),
      weightUnknown: Boolean(r.weight_unknown),
    })),
    pathEdges: Number(rows[0]?.path_edges ?? 0),
    edgesWithoutWeight: Number(rows[0]?.unweighted_edges ?? 0),
  };
}

/**
 * exposure × weight (a missing weight counts as 1). Factors below 1e-150 count as 0, so a product of
 * tiny weights never underflows float8 (PostgreSQL raises an error on underflow).
 */
function timesWeight(exposure: SQL, weight: SQL): SQL {
  const w = sql`coalesce(${weight}, 1)`;
  return sql`(case when ${exposure} < 1e-150 or ${w} < 1e-150 then 0::float8 else ${exposure} * ${w} end)`;
}

/** 'KIND:id' steps (a text[] from postgres.js, or its literal form from other drivers). */
function parsePath(path: string[] | string): PathStep[] {
  const steps = Array.isArray(path) ? path : path.replace(/^\{|\}$/g, "").split(",");
  return steps.map((s) => {
    const [kind, id] = s.replace(/"/g, "").split(":");
    return { kind: kind as PathStep["kind"], id: Number(id) };
  });
}
