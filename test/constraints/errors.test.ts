import { describe, expect, it } from "vitest";
import { constraintViolation } from "../../src/db/errors.ts";

// The driver-neutral reading of constraint errors, on the error shapes of both drivers.

describe("constraintViolation", () => {
  it("reads postgres.js fields (constraint_name, table_name) through Drizzle's wrapper", () => {
    const driver = Object.assign(new Error("duplicate key"), {
      code: "23505",
      constraint_name: "vendors_slug_unique",
      table_name: "vendors",
      detail: "Key (slug)=(acme) already exists.",
    });
    const wrapped = Object.assign(new Error("Failed query"), { cause: driver });
    expect(constraintViolation(wrapped)).toEqual({
      kind: "unique",
      table: "vendors",
      constraint: "vendors_slug_unique",
      column: "slug",
      detail: "Key (slug)=(acme) already exists.",
    });
  });

  it("reads PGlite fields (constraint, table, column) and names unnamed NOT NULL constraints", () => {
    const error = { code: "23502", table: "facilities", column: "country", message: "null value" };
    expect(constraintViolation(error)).toEqual({
      kind: "not_null",
      table: "facilities",
      constraint: "facilities_country_not_null",
      column: "country",
    });
  });

  it("gives no column for a multi-column key, and ignores errors that are not violations", () => {
    const multi = {
      code: "23505",
      table: "digests",
      constraint: "digests_subscription_slot_unique",
      detail: "Key (subscription_id, slot)=(1, x) already exists.",
    };
    expect(constraintViolation(multi)?.column).toBeUndefined();
    expect(constraintViolation(new Error("boom"))).toBeUndefined();
    expect(constraintViolation({ code: "22P02", message: "invalid input value for enum" })).toBeUndefined();
    expect(constraintViolation(undefined)).toBeUndefined();
  });
});

describe("constraintViolation across PostgreSQL versions", () => {
  it("reads a RESTRICT refusal as foreign_key whether reported as 23001 (PG 18) or 23503 (PG 15)", () => {
    for (const code of ["23001", "23503"]) {
      const error = { code, table: "chips", constraint: "chips_foundry_id_vendors_id_fk" };
      expect(constraintViolation(error)?.kind).toBe("foreign_key");
    }
  });
});
