import { plainFields, type WriteSpec } from "./facts.ts";
import { type SlugTable, slugOf } from "./references.ts";

/**
 * The record ⇄ row mapping of a fact whose one reference is a row of `table` by slug: record field
 * `field` (e.g. `operator`) is column `<field>Id`; `sources` are written apart (citations), never as a column.
 */
export function slugReference<Rec>(
  table: SlugTable,
  field: string,
): Pick<WriteSpec<Rec>, "toRow" | "toRecord"> {
  const column = `${field}Id`;
  return {
    toRow: async (rec, refs) => {
      const { [field]: slug, sources: _, ...rest } = rec as Record<string, unknown>;
      return { ...rest, [column]: await refs.id(table, slug as string, ["input", field]) };
    },
    toRecord: async (db, row) => ({
      ...plainFields(row, [column]),
      [field]: await slugOf(db, table, row[column] as number),
    }),
  };
}

/** A fact whose one reference is a vendor by slug (facilities, models, disclosures, market shares). */
export const vendorReference = <Rec>(field: string) => slugReference<Rec>("vendors", field);
