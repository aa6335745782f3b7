import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { facilities, unionMemberships } from "../../schema/db/index.ts";

/**
 * THE rule for which jurisdictions a facility is subject to (DESIGN §3): its subdivision
 * (ISO 3166-2), its country (ISO 3166-1) and every union its country belongs to (table
 * union_memberships, e.g. EU). A German facility is exposed to DE and EU rules; one in US-VA to
 * US-VA and US rules. Used by the facility filter `regulatedBy` and by the risk index.
 *
 * `place` defaults to the `facilities` table's own columns; pass an alias's columns when the query
 * aliases the table.
 */
export interface FacilityPlace {
  country: SQLWrapper;
  subdivision: SQLWrapper;
}

/**
 * The `facilities` table's columns, always table-qualified: Drizzle renders plain column references
 * unqualified in a select list, where they would bind to the inner union_memberships instead.
 */
const facilityColumns: FacilityPlace = {
  country: sql`${facilities}.${sql.identifier(facilities.country.name)}`,
  subdivision: sql`${facilities}.${sql.identifier(facilities.subdivision.name)}`,
};

/** True when `jurisdiction` (a code expression, e.g. regulatory_events.jurisdiction) covers the facility. */
export function coversFacility(
  jurisdiction: SQLWrapper,
  place: FacilityPlace = facilityColumns,
): SQL<boolean> {
  return sql<boolean>`(${jurisdiction} = ${place.subdivision} or ${jurisdiction} = ${place.country} or exists (
    select 1 from ${unionMemberships} hs_um
    where hs_um.country = ${place.country} and hs_um.union_code = ${jurisdiction}))`;
}

/** The facility's jurisdictions as a text[]: subdivision (if any), country, then its unions in code order. */
export function facilityJurisdictions(place: FacilityPlace = facilityColumns): SQL<string[]> {
  return sql<
    string[]
  >`(array_remove(array[${place.subdivision}::text, ${place.country}::text], null) || array(
    select ${unionMemberships.unionCode}::text from ${unionMemberships}
    where ${unionMemberships.country} = ${place.country} order by 1))`;
}
