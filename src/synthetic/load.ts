import type { BulkSession } from "../db/bulk.ts";
import { withDeferredConstraints } from "../db/deferred-constraints.ts";
import { chipRows, planChips } from "./chips.ts";
import { plannedCounts } from "./counts.ts";
import { dependencyRows } from "./dependencies.ts";
import { deploymentRows } from "./deployments.ts";
import { facilityRows, planFacilities } from "./facilities.ts";
import { disclosureRows, marketShareRows } from "./market.ts";
import { modelRows } from "./models.ts";
import { outageImpactRows, outageRows } from "./outages.ts";
import { regulatoryEventRows, regulatorySubjectRows } from "./regulation.ts";
import { planVendors, vendorRows } from "./vendors.ts";
import { ID_TABLES, type IdTable, type TableRows, type World } from "./world.ts";

/** The one source every synthetic fact row cites. */
export const SYNTHETIC_SOURCE = {
  url: "https://hyperscope.invalid/synthetic",
  title: "Hyperscope synthetic data set (generated for scale tests; not real facts)",
  publisher: "Hyperscope synthetic generator",
} as const;

/** Fact tables and their citation tables. */
export const CITATION_TABLES: Partial<Record<IdTable, string>> = {
  vendors: "vendor_citations",
  chips: "chip_citations",
  facilities: "facility_citations",
  deployments: "deployment_citations",
  models: "model_citations",
  outages: "outage_citations",
  regulatory_events: "regulatory_event_citations",
  disclosures: "disclosure_citations",
  market_shares: "market_share_citations",
  dependencies: "dependency_citations",
};

/** Raised when the database already holds synthetic rows: a second load is refused, never merged. */
export class SyntheticDataExistsError extends Error {
  override name = "SyntheticDataExistsError";
}

/** Every table's rows, in foreign-key order. */
function tables(world: World): TableRows[] {
  return [
    vendorRows(world),
    chipRows(world),
    facilityRows(world),
    deploymentRows(world),
    modelRows(world),
    outageRows(world),
    outageImpactRows(world),
    regulatoryEventRows(world),
    regulatorySubjectRows(world),
    disclosureRows(world),
    marketShareRows(world),
    dependencyRows(world),
  ];
}

/**
 * Loads the synthetic data set in the caller's transaction. The tables are locked (ACCESS
 * EXCLUSIVE: readers and writers wait until commit) so the ids taken above the current maxima cannot
 * collide, and the identity sequences are moved past them before commit. Foreign keys and secondary
 * indexes of the loaded tables are dropped for the load and re-created (foreign keys re-validated
 * over all rows) before commit: src/db/deferred-constraints.ts.
 */
export async function loadSynthetic(
  session: BulkSession,
  options: { scale: number; seed: number },
): Promise<Record<string, number>> {
  const counts = plannedCounts(options.scale);
  const loadedTables = [...ID_TABLES, ...Object.values(CITATION_TABLES)];
  // ACCESS EXCLUSIVE from the start: dropping the foreign keys needs it, and taking it up front
  // avoids upgrading a weaker lock while other sessions queue behind it.
  await session.query(`lock table sources, ${loadedTables.join(", ")} in access exclusive mode`);
  await refuseSecondLoad(session);
  const base = await maxIds(session);
  const sourceId = await syntheticSource(session);

  const vendors = planVendors(options.seed, counts);
  const chips = planChips(options.seed, vendors, counts.chips);
  const world: World = {
    seed: options.seed,
    counts,
    base,
    note: `Synthetic row (generator seed ${options.seed}, scale ${options.scale}); not a real fact.`,
    vendors,
    chips,
    facilities: planFacilities(options.seed, vendors, counts.facilities),
  };

  const loaded: Record<string, number> = {};
  const copyAll = async () => {
    for (const t of tables(world)) loaded[t.table] = await session.copyFrom(t.table, t.columns, t.rows());
    for (const [table, citations] of Object.entries(CITATION_TABLES)) {
      const [row] = await session.query<{ n: number }>(
        `with cited as (insert into ${citations} (subject_id, source_id) select id, ${sourceId} from ${table} where id > ${base[table as IdTable]} returning 1) select count(*)::int as n from cited`,
      );
      loaded[citations as string] = row?.n ?? 0;
    }
  };
  await withDeferredConstraints(session, loadedTables, copyAll, { maintenanceWorkMem: "256MB" });
  for (const table of ID_TABLES) {
    await session.query(
      `select setval(pg_get_serial_sequence('${table}', 'id'), greatest(1, (select coalesce(max(id), 0) from ${table})), (select count(*) > 0 from ${table}))`,
    );
  }
  return loaded;
}

async function refuseSecondLoad(session: BulkSession): Promise<void> {
  const [row] = await session.query<{ n: number }>(
    `select count(*)::int as n from vendors where slug like 'syn-%'`,
  );
  if ((row?.n ?? 0) > 0) {
    throw new SyntheticDataExistsError(
      `The database already holds synthetic data (${row?.n} vendors with slugs 'syn-…'); ` +
        "a synthetic load runs once per database — load into a fresh database instead.",
    );
  }
}

async function maxIds(session: BulkSession): Promise<Record<IdTable, number>> {
  const [row] = await session.query<Record<IdTable, number>>(
    `select ${ID_TABLES.map((t) => `(select coalesce(max(id), 0) from ${t})::int as ${t}`).join(", ")}`,
  );
  if (!row) throw new Error("could not read the current maximum ids");
  return row;
}

async function syntheticSource(session: BulkSession): Promise<number> {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const { url, title, publisher } = SYNTHETIC_SOURCE;
  await session.query(
    `insert into sources (url, title, publisher) values (${q(url)}, ${q(title)}, ${q(publisher)}) on conflict (url) do nothing`,
  );
  const [row] = await session.query<{ id: number }>(`select id from sources where url = ${q(url)}`);
  if (!row) throw new Error("the synthetic source could not be created");
  return row.id;
}
