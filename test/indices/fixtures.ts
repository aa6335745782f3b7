import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.ts";
import { queryRows } from "../../src/db/rows.ts";

/** Small row builders for index tests: each inserts one row (confidence CONFIRMED) and returns its id. */

let counter = 0;
const slug = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

async function insertReturningId(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  const rows = await queryRows<{ id: number }>(db, query);
  return Number(rows[0]?.id);
}

export function vendor(db: Database, kind = "HYPERSCALER", name?: string): Promise<number> {
  const s = slug("v");
  return insertReturningId(
    db,
    sql`insert into vendors (slug, name, kind, confidence) values (${s}, ${name ?? s}, ${kind}, 'CONFIRMED') returning id`,
  );
}

export interface FacilityFields {
  operatorId: number;
  country?: string;
  subdivision?: string | null;
  gridRegion?: string | null;
  status?: string;
  operationalOn?: string | null;
  decommissionedOn?: string | null;
  itPowerMw?: number | null;
  rackKw?: number | null;
  pue?: number | null;
  wue?: number | null;
}

export function facility(db: Database, f: FacilityFields): Promise<number> {
  return insertReturningId(
    db,
    sql`insert into facilities (slug, name, operator_id, country, subdivision, grid_region, status, operational_on,
        decommissioned_on, it_power_mw, rack_density_kw_typical, pue, wue, confidence)
      values (${slug("f")}, 'F', ${f.operatorId}, ${f.country ?? "US"}, ${f.subdivision ?? null}, ${f.gridRegion ?? null},
        ${f.status ?? "OPERATIONAL"}, ${f.operationalOn ?? null}, ${f.decommissionedOn ?? null}, ${f.itPowerMw ?? null},
        ${f.rackKw ?? null}, ${f.pue ?? null}, ${f.wue ?? null}, 'CONFIRMED')
      returning id`,
  );
}

export function chip(db: Database, designerId: number, foundryId: number | null): Promise<number> {
  return insertReturningId(
    db,
    sql`insert into chips (slug, name, designer_id, foundry_id, confidence)
      values (${slug("c")}, 'C', ${designerId}, ${foundryId}, 'CONFIRMED') returning id`,
  );
}

export function deployment(db: Database, facilityId: number, chipId: number, count: number, asOf: string) {
  return insertReturningId(
    db,
    sql`insert into deployments (facility_id, chip_id, accelerator_count, as_of, confidence)
      values (${facilityId}, ${chipId}, ${count}, ${asOf}, 'CONFIRMED') returning id`,
  );
}

export function marketShare(
  db: Database,
  segment: string,
  vendorId: number,
  share: number,
  from: string,
  to: string,
) {
  return insertReturningId(
    db,
    sql`insert into market_shares (segment, vendor_id, period_start, period_end, share, basis, confidence)
      values (${segment}, ${vendorId}, ${from}, ${to}, ${share}, 'revenue', 'CONFIRMED') returning id`,
  );
}

export async function outage(
  db: Database,
  startedAt: string,
  severity: number,
  hit: { vendorId?: number; facilityId?: number },
): Promise<number> {
  const id = await insertReturningId(
    db,
    sql`insert into outages (slug, title, started_at, severity, cause, confidence)
      values (${slug("o")}, 'O', ${startedAt}::timestamptz, ${severity}, 'POWER', 'CONFIRMED') returning id`,
  );
  await queryRows(
    db,
    sql`insert into outage_impacts (outage_id, vendor_id, facility_id) values (${id}, ${hit.vendorId ?? null}, ${hit.facilityId ?? null}) returning id`,
  );
  return id;
}

export function rule(
  db: Database,
  jurisdiction: string,
  stage: string,
  topics: string[],
  announcedOn: string,
): Promise<number> {
  const topicList = sql.join(
    topics.map((t) => sql`${t}::regulatory_topic`),
    sql`, `,
  );
  return insertReturningId(
    db,
    sql`insert into regulatory_events (slug, title, jurisdiction, instrument, stage, topics, announced_on, confidence)
      values (${slug("r")}, 'R', ${jurisdiction}, 'LAW', ${stage}, array[${topicList}], ${announcedOn}, 'CONFIRMED')
      returning id`,
  );
}

export interface DependencyFields {
  dependentId: number;
  providerVendorId?: number;
  providerFacilityId?: number;
  weight?: number | null;
  since?: string | null;
  until?: string | null;
  kind?: string;
}

export function dependency(db: Database, d: DependencyFields): Promise<number> {
  return insertReturningId(
    db,
    sql`insert into dependencies (dependent_id, provider_vendor_id, provider_facility_id, kind, weight, since, until, confidence)
      values (${d.dependentId}, ${d.providerVendorId ?? null}, ${d.providerFacilityId ?? null}, ${d.kind ?? "CLOUD_TENANT"},
        ${d.weight ?? null}, ${d.since ?? null}, ${d.until ?? null}, 'CONFIRMED') returning id`,
  );
}
