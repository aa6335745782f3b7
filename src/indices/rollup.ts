import { type SQL, sql } from "drizzle-orm";

/**
 * Corporate roll-up of vendor dimensions (OPERATOR, CHIP_DESIGNER, FOUNDRY). ULTIMATE_PARENT (the
 * default, as antitrust practice counts a group as one firm) puts each vendor under the top of its
 * parent chain; NONE keeps subsidiaries apart. The database refuses parent cycles
 * (vendors_parent_no_cycle), so every chain ends.
 */
export const ROLLUPS = ["ULTIMATE_PARENT", "NONE"] as const;
export type Rollup = (typeof ROLLUPS)[number];
export const DEFAULT_ROLLUP: Rollup = "ULTIMATE_PARENT";

/** Rows (id, top_id): every vendor with its ultimate parent (itself when it has none). */
export const ultimateParents = (): SQL => sql`(
  with recursive chain(id, top_id, depth) as (
    select v.id, v.id, 0 from vendors v
    union all
    select c.id, p.parent_id, c.depth + 1
    from chain c join vendors p on p.id = c.top_id
    where p.parent_id is not null and c.depth < 100
  )
  select distinct on (c.id) c.id, c.top_id from chain c order by c.id, c.depth desc
)`;
