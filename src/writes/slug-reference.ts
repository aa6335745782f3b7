import { plainFields, type WriteSpec } from "./facts.ts";
import { slugOf } from "./references.ts";

/**
 * The record ⇄ row mapping of a fact whose one reference is a vendor by slug: record field `field`
 * (e.g. `operator`) is column `<field>Id`; `sources` are written apart (citations), never as a column.
 */
export function vendorReference<Rec>(field: string): Pick<WriteSpec<Rec>, "toRow" | "toRecord"> {
  const column = `${field}Id`;
  return {
    toRow: async (rec, refs) => {
      const { [field]: slug, sources: _, ...rest } = rec as Record<string, unknown>;
      return { ...rest, [column]: await refs.id("vendors", slug as string, ["input", field]) };
    },
    toRecord: async (db, row) => ({
      ...plainFields(row, [column]),
      [field]: await slugOf(db, "vendors", row[column] as number),
    }),
  };
}
