import { entities, type SeedCatalogue } from "../seed/catalogue.ts";

/** An entity of the interchange formats: the catalogue key (`regulatoryEvents`). */
export type EntityName = keyof SeedCatalogue;

/** Every entity in dependency order (a record only refers to entities before it). */
export const entityNames: readonly EntityName[] = [
  "sources",
  "vendors",
  "chips",
  "facilities",
  "capacityPhases",
  "deployments",
  "models",
  "outages",
  "regulatoryEvents",
  "disclosures",
  "marketShares",
  "dependencies",
];

/** The seeds/ folder name of an entity (`regulatory-events`); also the CSV file's base name. */
export const folderOf = (entity: EntityName): string => entities[entity].folder;

/** The record fields of an entity in the order of seeds/README.md (the zod schema's order). */
export function fieldsOf(entity: EntityName): string[] {
  return Object.keys((entities[entity].schema as unknown as { shape: Record<string, unknown> }).shape);
}

/** The natural key of a record as text (slug, URL, or composite key), as the seed loader computes it. */
export function naturalKey(entity: EntityName, record: Record<string, unknown>): string {
  return entities[entity].key(record) ?? "";
}
