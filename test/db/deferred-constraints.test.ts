import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulkSession } from "../../src/db/bulk.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { withDeferredConstraints } from "../../src/db/deferred-constraints.ts";
import { queryRows } from "../../src/db/rows.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { catalogSnapshot } from "./catalog.ts";

// Two scratch tables carrying every kind of object the module must drop, keep or restore.
const SCHEMA = `
  create table deferral_parent (id int primary key);
  create table deferral_child (
    id int primary key,
    parent_id int not null constraint deferral_child_parent_fk references deferral_parent (id) on delete cascade,
    code text constraint deferral_child_code_unique unique,
    weight int constraint deferral_child_weight_positive check (weight > 0)
  );
  create index deferral_child_parent_idx on deferral_child (parent_id);
  create index deferral_child_weight_partial_idx on deferral_child (weight desc) where weight > 10;
  comment on constraint deferral_child_parent_fk on deferral_child is 'every child has a parent';
  comment on index deferral_child_parent_idx is 'children of a parent';
  insert into deferral_parent select generate_series(1, 100);
  insert into deferral_child select g, g, 'c' || g, g from generate_series(1, 10) g;`;
const TABLES = ["deferral_child"];

const childRows = (from: number, count: number, parentOf: (id: number) => number) =>
  Array.from({ length: count }, (_, i) => {
    const id = from + i;
    return [id, parentOf(id), `c${id}`, (id % 50) + 1];
  });
const copyChildren = (session: BulkSession, rows: unknown[][]) =>
  session.copyFrom("deferral_child", ["id", "parent_id", "code", "weight"], rows);
const childCount = async (h: DatabaseHandle) =>
  (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from deferral_child`))[0]?.n;

describe(`withDeferredConstraints (${testBackend()})`, () => {
  let h: DatabaseHandle;
  const bulk = () => {
    if (!h.bulk) throw new Error("no bulk support");
    return h.bulk;
  };

  beforeAll(async () => {
    h = await testDatabase("empty");
    for (const statement of SCHEMA.split(";").filter((s) => s.trim())) await h.db.execute(sql.raw(statement));
  });
  afterAll(() => h.close());

  it("drops only the foreign keys and secondary indexes during the load and restores them identically", async () => {
    const before = await catalogSnapshot(h.db);
    const during = await bulk()((session) =>
      withDeferredConstraints(session, TABLES, async () => {
        await copyChildren(
          session,
          childRows(11, 500, (id) => (id % 100) + 1),
        );
        return session.query<{ name: string }>(
          `select conname::text as name from pg_constraint where conrelid = 'deferral_child'::regclass
           union all select relname::text from pg_class c join pg_index i on i.indexrelid = c.oid
           where i.indrelid = 'deferral_child'::regclass order by 1`,
        );
      }),
    );
    const names = during.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["deferral_child_pkey", "deferral_child_code_unique"]));
    expect(names).toContain("deferral_child_weight_positive");
    expect(names).not.toContain("deferral_child_parent_fk");
    expect(names).not.toContain("deferral_child_parent_idx");
    expect(names).not.toContain("deferral_child_weight_partial_idx");

    expect(await catalogSnapshot(h.db)).toEqual(before);
    expect(await childCount(h)).toBe(510);
    const [fk] = await queryRows<{ validated: boolean }>(
      h.db,
      sql`select convalidated as validated from pg_constraint where conname = 'deferral_child_parent_fk'`,
    );
    expect(fk?.validated).toBe(true);
  });

  it("fails the whole load on an orphan foreign key and leaves the database unchanged", async () => {
    const before = await catalogSnapshot(h.db);
    const count = await childCount(h);
    const load = bulk()((session) =>
      withDeferredConstraints(session, TABLES, async () => {
        // One orphan (parent 100000) among valid rows: COPY accepts it, re-adding the key does not.
        await copyChildren(
          session,
          childRows(1000, 200, (id) => (id === 1100 ? 100_000 : 1)),
        );
      }),
    );
    await expect(load).rejects.toThrow(/deferral_child_parent_fk/);
    expect(await childCount(h)).toBe(count);
    expect(await catalogSnapshot(h.db)).toEqual(before);
  });

  it("keeps CHECK and UNIQUE constraints enforced during the load", async () => {
    const count = await childCount(h);
    const badWeight = bulk()((session) =>
      withDeferredConstraints(session, TABLES, () => copyChildren(session, [[2000, 1, "w", -1]])),
    );
    await expect(badWeight).rejects.toThrow(/deferral_child_weight_positive/);
    const duplicateCode = bulk()((session) =>
      withDeferredConstraints(session, TABLES, () => copyChildren(session, [[2001, 1, "c1", 1]])),
    );
    await expect(duplicateCode).rejects.toThrow(/deferral_child_code_unique/);
    expect(await childCount(h)).toBe(count);
  });
});
