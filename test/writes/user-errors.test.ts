/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { toGlobalId } from "../../src/graphql/ids.ts";
import { MAX_TEXT_LENGTH } from "../../src/writes/user-errors.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import {
  createMutation,
  deleteMutation,
  type EntityCase,
  entityCases,
  SEED_SOURCE,
  updateMutation,
} from "./entities.ts";
import { gql, keyFor, writeCounts } from "./support.ts";

// Every userError code, each with the field path it names, and nothing written for any of them.

let handle: DatabaseHandle;
let server: RunningServer;
let editor: { id: number; secret: string };

beforeAll(async () => {
  handle = await testDatabase("seeded");
  server = await startServer(handle);
  editor = await keyFor(handle.db, "EDITOR");
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
});

const caseOf = (type: string) => entityCases.find((c) => c.type === type) as EntityCase;
const facility = caseOf("Facility");
const run = async (query: string, variables: Record<string, unknown>) =>
  (await gql(server.url, query, variables, editor.secret)).body;

/** Runs a mutation that must be refused: returns its userErrors and checks nothing was written. */
async function refused(query: string, variables: Record<string, unknown>, name: string) {
  const before = await writeCounts(handle.db);
  const body = await run(query, variables);
  expect(body.errors).toBeUndefined();
  const payload = body.data[name];
  expect(payload.userErrors.length).toBeGreaterThan(0);
  expect(await writeCounts(handle.db)).toEqual(before);
  return payload.userErrors.map((e: any) => ({ field: e.field, code: e.code }));
}
const createFacility = (patch: Record<string, unknown>) =>
  refused(createMutation(facility), { input: { ...facility.input, ...patch } }, "createFacility");

describe(`userErrors (${testBackend()})`, () => {
  it("INVALID: out of range, bad format, wrong kind of number", async () => {
    expect(await createFacility({ latitude: 200 })).toEqual([
      { field: ["input", "latitude"], code: "INVALID" },
    ]);
    expect(await createFacility({ slug: "Not A Slug" })).toEqual([
      { field: ["input", "slug"], code: "INVALID" },
    ]);
    expect(await createFacility({ announcedOn: "2025-13-45" })).toEqual([
      { field: ["input", "announcedOn"], code: "INVALID" },
    ]);
    const outage = caseOf("Outage");
    expect(
      await refused(createMutation(outage), { input: { ...outage.input, severity: 2.5 } }, "createOutage"),
    ).toEqual([{ field: ["input", "severity"], code: "INVALID" }]);
  });

  it("REQUIRED names each missing field", async () => {
    const { name: _n, status: _s, ...rest } = facility.input;
    expect(await refused(createMutation(facility), { input: rest }, "createFacility")).toEqual([
      { field: ["input", "name"], code: "REQUIRED" },
      { field: ["input", "status"], code: "REQUIRED" },
    ]);
  });

  it(`TOO_LONG: strings over ${MAX_TEXT_LENGTH} characters`, async () => {
    expect(await createFacility({ name: "x".repeat(MAX_TEXT_LENGTH + 1) })).toEqual([
      { field: ["input", "name"], code: "TOO_LONG" },
    ]);
    expect(
      await createFacility({
        sources: [{ url: "https://aws.amazon.com/message/41926/", locator: "y".repeat(5000) }],
      }),
    ).toEqual([{ field: ["input", "sources", "0", "locator"], code: "TOO_LONG" }]);
  });

  it("DATE_ORDER: a later date before the earlier one", async () => {
    expect(await createFacility({ announcedOn: "2025-01-01", operationalOn: "2024-01-01" })).toEqual([
      { field: ["input", "operationalOn"], code: "DATE_ORDER" },
    ]);
    const d = caseOf("Disclosure");
    expect(
      await refused(
        createMutation(d),
        { input: { ...d.input, periodEnd: "1998-01-01" } },
        "createDisclosure",
      ),
    ).toEqual([{ field: ["input", "periodEnd"], code: "DATE_ORDER" }]);
  });

  it("UNKNOWN_REFERENCE: every unknown slug and source URL, all at once", async () => {
    expect(
      await createFacility({ operator: "no-such-vendor", sources: [{ url: "https://nowhere.example/a" }] }),
    ).toEqual([
      { field: ["input", "operator"], code: "UNKNOWN_REFERENCE" },
      { field: ["input", "sources", "0"], code: "UNKNOWN_REFERENCE" },
    ]);
    const o = caseOf("Outage");
    expect(
      await refused(
        createMutation(o),
        { input: { ...o.input, impacts: [{ facility: "no-such-dc" }] } },
        "createOutage",
      ),
    ).toEqual([{ field: ["input", "impacts", "0", "facility"], code: "UNKNOWN_REFERENCE" }]);
  });

  it("DUPLICATE: an existing slug, natural key or URL", async () => {
    expect(await createFacility({ slug: "xai-colossus-1" })).toEqual([
      { field: ["input", "slug"], code: "DUPLICATE" },
    ]);
    const s = caseOf("Source");
    expect(
      await refused(
        createMutation(s),
        { input: { ...s.input, url: "https://aws.amazon.com/message/41926/" } },
        "createSource",
      ),
    ).toEqual([{ field: ["input", "url"], code: "DUPLICATE" }]);
  });

  it("SOURCE_REQUIRED: a fact without sources is refused", async () => {
    expect(await createFacility({ sources: [] })).toEqual([
      { field: ["input", "sources"], code: "SOURCE_REQUIRED" },
    ]);
    const { sources: _, ...unsourced } = facility.input;
    expect(await refused(createMutation(facility), { input: unsourced }, "createFacility")).toEqual([
      { field: ["input", "sources"], code: "SOURCE_REQUIRED" },
    ]);
  });

  it("NOT_FOUND and INVALID ids on update and delete", async () => {
    const missing = toGlobalId("Facility", 987654);
    const at = new Date().toISOString();
    expect(
      await refused(updateMutation(facility), { id: missing, at, input: { name: "x" } }, "updateFacility"),
    ).toEqual([{ field: ["id"], code: "NOT_FOUND" }]);
    expect(await refused(deleteMutation(facility), { id: missing, at }, "deleteFacility")).toEqual([
      { field: ["id"], code: "NOT_FOUND" },
    ]);
    expect(
      await refused(deleteMutation(facility), { id: toGlobalId("Vendor", 1), at }, "deleteFacility"),
    ).toEqual([{ field: ["id"], code: "INVALID" }]);
  });

  it("STALE: an update from an old version", async () => {
    const read = await run(`{ facility(slug: "xai-colossus-1") { id updatedAt } }`, {});
    const { id, updatedAt } = read.data.facility;
    const older = new Date(Date.parse(updatedAt) - 1).toISOString();
    expect(
      await refused(updateMutation(facility), { id, at: older, input: { name: "x" } }, "updateFacility"),
    ).toEqual([{ field: ["expectedUpdatedAt"], code: "STALE" }]);
  });

  it("IN_USE: deleting a vendor, chip, facility or source other rows refer to", async () => {
    const read = await run(
      `{ vendor(slug: "microsoft") { id updatedAt } chip(slug: "amd-mi250x") { id updatedAt }
         facility(slug: "xai-colossus-1") { id updatedAt } source(url: "${SEED_SOURCE}") { id updatedAt } }`,
      {},
    );
    const source = read.data.source;
    for (const [type, row] of [
      ["Vendor", read.data.vendor],
      ["Chip", read.data.chip],
      ["Facility", read.data.facility],
      ["Source", source],
    ] as const) {
      expect(
        await refused(deleteMutation(caseOf(type)), { id: row.id, at: row.updatedAt }, `delete${type}`),
      ).toEqual([{ field: ["id"], code: "IN_USE" }]);
    }
  });

  it("a vendor cannot become its own ancestor", async () => {
    const read = await run(`{ vendor(slug: "amazon") { id updatedAt } }`, {});
    const { id, updatedAt } = read.data.vendor;
    expect(
      await refused(
        updateMutation(caseOf("Vendor")),
        { id, at: updatedAt, input: { parent: "aws" } },
        "updateVendor",
      ),
    ).toEqual([{ field: ["input", "parent"], code: "INVALID" }]);
  });
});
