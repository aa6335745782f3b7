import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { constraintViolation } from "../../src/db/errors.ts";
import { queryRows } from "../../src/db/rows.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { checks } from "./checks.ts";
import { foreignKeys, notNulls, restricts, uniques } from "./keys.ts";
import { baseRows, insert, validRow } from "./rows.ts";

// One `it` per constraint: the database must refuse the bad write, and the driver error, read
// through constraintViolation(), must name the table, the constraint (and the column when known).

describe(`database constraints (${testBackend()})`, () => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await testDatabase("empty");
    for (const statement of baseRows) await h.db.execute(sql.raw(statement));
  });
  afterAll(() => h.close());

  const refused = async (statement: string) => {
    try {
      await h.db.execute(sql.raw(statement));
    } catch (error) {
      return error;
    }
    throw new Error(`the database accepted: ${statement}`);
  };

  it("accepts the valid row of every table (so each case below fails for its one change)", async () => {
    const vendorsBefore = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from vendors`);
    await h.db
      .transaction(async (tx) => {
        for (const table of Object.keys(validRow)) await tx.execute(sql.raw(insert(table)));
        const [row] = await queryRows<{ n: number }>(
          tx as never,
          sql`select count(*)::int as n from vendors`,
        );
        expect(row?.n).toBe((vendorsBefore[0]?.n ?? 0) + 1);
        tx.rollback();
      })
      .catch((e) => {
        if ((e as Error).message !== "Rollback") throw e;
      });
    const vendorsAfter = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from vendors`);
    expect(vendorsAfter).toEqual(vendorsBefore);
  });

  it("has a NOT NULL case for every curated table", () => {
    const tables = new Set(notNulls.map((c) => c.table));
    for (const t of ["sources", "vendors", "chips", "facilities", "deployments", "models", "outages"]) {
      expect(tables).toContain(t);
    }
    for (const t of ["regulatory_events", "disclosures", "market_shares", "dependencies"])
      expect(tables).toContain(t);
  });

  describe.each([
    ["CHECK", checks],
    ["UNIQUE", uniques],
    ["FOREIGN KEY", foreignKeys],
    ["ON DELETE RESTRICT", restricts],
    ["NOT NULL", notNulls],
  ] as const)("%s", (_label, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))("refuses %s", async (_name, c) => {
      const error = await refused(c.statement);
      const violation = constraintViolation(error);
      expect(violation, String(error)).toBeDefined();
      expect(violation).toMatchObject({ kind: c.kind, table: c.table, constraint: c.constraint });
      if (c.column) expect(violation?.column).toBe(c.column);
    });
  });

  it("refuses an enum value outside its type, naming the enum (not a constraint violation)", async () => {
    const error = await refused(insert("vendors", { kind: "'BANK'" }));
    expect(constraintViolation(error)).toBeUndefined();
    expect(String((error as { cause?: Error }).cause ?? error)).toMatch(/vendor_kind/);
  });
});
