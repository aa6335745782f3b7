import { getTableName, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chips,
  dependencies,
  deployments,
  disclosures,
  facilities,
  marketShares,
  models,
  outageImpacts,
  outages,
  regulatoryEventSubjects,
  regulatoryEvents,
  sources,
  vendors,
} from "../../schema/db/index.ts";
import { chipSortColumns, chipWhere } from "../../src/chips/queries.ts";
import type { Database, DatabaseHandle } from "../../src/db/client.ts";
import {
  type PageRequest,
  type ParentScope,
  pageStatement,
  parentPagesStatement,
  type SortDirection,
} from "../../src/db/pagination.ts";
import { queryRows } from "../../src/db/rows.ts";
import { disclosureSortColumns } from "../../src/disclosures/queries.ts";
import { deploymentSortColumns, facilitySortColumns, facilityWhere } from "../../src/facilities/queries.ts";
import { dependencySortColumns } from "../../src/market/dependencies.ts";
import { marketShareSortColumns } from "../../src/market/shares.ts";
import { modelSortColumns } from "../../src/models/queries.ts";
import { outageSortColumns } from "../../src/outages/queries.ts";
import { regulatoryEventSortColumns } from "../../src/regulation/queries.ts";
import { sourceSortColumns } from "../../src/sources/queries.ts";
import { vendorSortColumns } from "../../src/vendors/queries.ts";
import { testBackend, testDatabase } from "../support/database.ts";

/**
 * Every connection ordering is served by an index: EXPLAIN each ordering's first page, next page
 * (after a non-NULL key and, for a nullable key, after a NULL key) and previous page, for root lists,
 * nested pages per parent and the analysts' common filters. With sequential scans and sorts
 * disabled the planner only avoids them if an index can serve the order and the cursor range; the
 * plan must then have no Sort node, no Seq Scan, and (after a cursor) the range as an Index Cond.
 */

type Table = PgTable & { id: PgColumn };
interface Plan {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: Plan[];
}

const roots: [Table, Record<string, PgColumn>][] = [
  [facilities, facilitySortColumns],
  [deployments, deploymentSortColumns],
  [vendors, vendorSortColumns],
  [chips, chipSortColumns],
  [disclosures, disclosureSortColumns],
  [models, modelSortColumns],
  [dependencies, dependencySortColumns],
  [marketShares, marketShareSortColumns],
  [outages, outageSortColumns],
  [regulatoryEvents, regulatoryEventSortColumns],
  [sources, sourceSortColumns],
];

/** Nested pages: the paged table, its sort columns, and how its rows belong to a parent. */
const nested: [Table, Record<string, PgColumn>, ParentScope][] = [
  [facilities, facilitySortColumns, { parent: facilities.operatorId }],
  [deployments, deploymentSortColumns, { parent: deployments.facilityId }],
  [deployments, deploymentSortColumns, { parent: deployments.chipId }],
  [chips, chipSortColumns, { parent: chips.designerId }],
  [chips, chipSortColumns, { parent: chips.foundryId }],
  [vendors, vendorSortColumns, { parent: vendors.parentId }],
  [disclosures, disclosureSortColumns, { parent: disclosures.vendorId }],
  [models, modelSortColumns, { parent: models.developerId }],
  [dependencies, dependencySortColumns, { parent: dependencies.dependentId }],
  [dependencies, dependencySortColumns, { parent: dependencies.providerVendorId }],
  [dependencies, dependencySortColumns, { parent: dependencies.providerFacilityId }],
  [marketShares, marketShareSortColumns, { parent: marketShares.vendorId }],
];

/** Many-to-many nested pages: only the parent's link rows are read (through an index), then sorted. */
const linked: [Table, Record<string, PgColumn>, ParentScope][] = [
  [
    outages,
    outageSortColumns,
    { link: { table: outageImpacts, parent: outageImpacts.vendorId, child: outageImpacts.outageId } },
  ],
  [
    regulatoryEvents,
    regulatoryEventSortColumns,
    {
      link: {
        table: regulatoryEventSubjects,
        parent: regulatoryEventSubjects.facilityId,
        child: regulatoryEventSubjects.eventId,
      },
    },
  ],
];

/** A cursor value of the column's type, as Postgres text. */
function sampleValue(column: PgColumn): string {
  const enumValues = (column as { enumValues?: string[] }).enumValues;
  if (enumValues?.length) return enumValues[0] as string;
  switch (column.getSQLType().split("(")[0]) {
    case "text":
      return "m";
    case "date":
      return "2024-01-01";
    case "timestamp with time zone":
      return "2024-01-01 00:00:00+00";
    default:
      return "1";
  }
}

/** The pages to EXPLAIN for one ordering: first, next (after a value, after NULL) and previous. */
function requests(column: PgColumn): [string, PageRequest][] {
  const value = sampleValue(column);
  const pages: [string, PageRequest][] = [
    ["first page", { size: 20, backward: false, cursor: null }],
    ["next page", { size: 20, backward: false, cursor: { value, id: 50 } }],
    ["previous page", { size: 20, backward: true, cursor: { value, id: 50 } }],
  ];
  if (!column.notNull) {
    pages.push(["next page after NULL", { size: 20, backward: false, cursor: { value: null, id: 50 } }]);
    pages.push(["previous page from NULL", { size: 20, backward: true, cursor: { value: null, id: 50 } }]);
  }
  return pages;
}

function nodes(plan: Plan): Plan[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

let h: DatabaseHandle;

/** The plan of `statement` with sequential scans and sorts disabled (in one transaction: one connection). */
async function explain(statement: SQL | { getSQL(): SQL }): Promise<Plan[]> {
  return h.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await db.execute(sql`set local enable_seqscan = off`);
    await db.execute(sql`set local enable_sort = off`);
    await db.execute(sql`set local enable_incremental_sort = off`);
    const [row] = await queryRows<{ "QUERY PLAN": unknown }>(db, sql`explain (format json) ${statement}`);
    const doc = row?.["QUERY PLAN"];
    const parsed = (typeof doc === "string" ? JSON.parse(doc) : doc) as { Plan: Plan }[];
    return nodes((parsed[0] as { Plan: Plan }).Plan);
  });
}

const describePlan = (plan: Plan[]) =>
  plan.map((n) => `${n["Node Type"]} ${n["Index Name"] ?? n["Relation Name"] ?? ""}`).join(" > ");

function expectIndexOnly(plan: Plan[], table: Table, cursor: boolean) {
  const shape = describePlan(plan);
  expect(
    plan.filter((n) => /Sort/.test(n["Node Type"])),
    shape,
  ).toEqual([]);
  expect(
    plan.filter((n) => n["Node Type"] === "Seq Scan"),
    shape,
  ).toEqual([]);
  const scans = plan.filter((n) => n["Relation Name"] === getTableName(table));
  expect(scans.length, shape).toBeGreaterThan(0);
  for (const scan of scans) expect(scan["Node Type"], shape).toMatch(/^Index (Only )?Scan$/);
  if (cursor)
    expect(
      scans.some((s) => s["Index Cond"]),
      shape,
    ).toBe(true);
}

describe(`page plans: every ordering is an index range (${testBackend()})`, () => {
  beforeAll(async () => {
    h = await testDatabase("empty");
  });
  afterAll(async () => {
    await h?.close();
  });

  for (const [table, columns] of roots) {
    for (const [field, column] of Object.entries(columns)) {
      for (const direction of ["ASC", "DESC"] as SortDirection[]) {
        it(`${getTableName(table)} by ${field} ${direction}`, async () => {
          for (const [what, request] of requests(column)) {
            const plan = await explain(pageStatement(h.db, table, { sort: { column, direction }, request }));
            expectIndexOnly(plan, table, request.cursor !== null);
            const indexes = plan.flatMap((n) => n["Index Name"] ?? []);
            const expected = direction === "ASC" || column.notNull ? "order_idx" : "desc_order_idx";
            expect(indexes, `${what}: ${describePlan(plan)}`).toContain(
              `${getTableName(table)}_${column.name}_${expected}`,
            );
          }
        });
      }
    }
  }

  for (const [table, columns, scope] of nested) {
    const by = "parent" in scope ? scope.parent.name : "";
    for (const [field, column] of Object.entries(columns)) {
      for (const direction of ["ASC", "DESC"] as SortDirection[]) {
        it(`${getTableName(table)} per ${by} by ${field} ${direction}: each parent's page is an index range`, async () => {
          for (const [, request] of requests(column)) {
            const statement = parentPagesStatement(h.db, table, {
              ...scope,
              parentIds: [1, 2, 3],
              sort: { column, direction },
              request,
            });
            const plan = await explain(statement);
            expectIndexOnly(plan, table, true);
            const scans = plan.filter((n) => n["Relation Name"] === getTableName(table));
            for (const scan of scans) expect(scan["Index Cond"], describePlan(plan)).toContain(by);
          }
        });
      }
    }
  }

  for (const [table, columns, scope] of linked) {
    const link = "link" in scope ? scope.link : undefined;
    const linkName = link ? getTableName(link.table) : "";
    for (const [field, column] of Object.entries(columns)) {
      it(`${getTableName(table)} per ${linkName} parent by ${field}: reads only the parent's links`, async () => {
        for (const [, request] of requests(column)) {
          const statement = parentPagesStatement(h.db, table, {
            ...scope,
            parentIds: [1, 2, 3],
            sort: { column, direction: "DESC" },
            request,
          });
          const plan = await h.db.transaction(async (tx) => {
            await (tx as unknown as Database).execute(sql`set local enable_seqscan = off`);
            const [row] = await queryRows<{ "QUERY PLAN": unknown }>(
              tx as unknown as Database,
              sql`explain (format json) ${statement}`,
            );
            const doc = row?.["QUERY PLAN"];
            const parsed = (typeof doc === "string" ? JSON.parse(doc) : doc) as { Plan: Plan }[];
            return nodes((parsed[0] as { Plan: Plan }).Plan);
          });
          const shape = describePlan(plan);
          expect(
            plan.filter((n) => n["Node Type"] === "Seq Scan"),
            shape,
          ).toEqual([]);
          // The link rows are read through an index on the parent column (plain or bitmap index scan).
          const linkIndexScans = plan.filter((n) => n["Index Name"]?.startsWith(`${linkName}_`));
          expect(linkIndexScans.length, shape).toBeGreaterThan(0);
          for (const scan of linkIndexScans)
            expect(scan["Index Cond"] ?? "", shape).toContain(link?.parent.name);
          // The paged table is only read through index conditions (the linked ids, or the cursor range).
          for (const scan of plan.filter((n) => n["Index Name"]?.startsWith(`${getTableName(table)}_`))) {
            expect(scan["Index Cond"], shape).toBeTruthy();
          }
        }
      });
    }
  }

  const filters: [string, Table, PgColumn, () => SQL | undefined, string][] = [
    [
      "facilities of a country",
      facilities,
      facilities.name,
      () => facilityWhere({ country: ["US"] }),
      "country",
    ],
    [
      "facilities by status",
      facilities,
      facilities.name,
      () => facilityWhere({ status: ["OPERATIONAL"] }),
      "status",
    ],
    [
      "facilities of an operator",
      facilities,
      facilities.name,
      () => facilityWhere({ operatorIds: [7] }),
      "operator_id",
    ],
    ["chips of a designer", chips, chips.name, () => chipWhere({ designerIds: [3] }), "designer_id"],
  ];
  for (const [what, table, column, where, prefix] of filters) {
    for (const direction of ["ASC", "DESC"] as SortDirection[]) {
      it(`${what} by name ${direction}: the filter and the order are one index range`, async () => {
        for (const [, request] of requests(column)) {
          const plan = await explain(
            pageStatement(h.db, table, { where: where(), sort: { column, direction }, request }),
          );
          expectIndexOnly(plan, table, true);
          expect(plan.flatMap((n) => n["Index Name"] ?? [])).toContain(
            `${getTableName(table)}_${prefix}_${column.name}_order_idx`,
          );
        }
      });
    }
  }
});
