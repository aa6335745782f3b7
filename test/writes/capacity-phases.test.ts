/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { SEED_SOURCE } from "./entities.ts";
import { gql, keyFor, writeCounts } from "./support.ts";

// A capacity history written through the API: a new OPERATIONAL phase moves CAPACITY_MW at dates
// after it and not before; a second phase on one date, a phase without MW and an ESTIMATED
// phase without its method are refused with typed userErrors and change nothing.

let handle: DatabaseHandle;
let server: RunningServer;
let editor: string;

beforeAll(async () => {
  handle = await testDatabase("seeded");
  server = await startServer(handle);
  editor = (await keyFor(handle.db, "EDITOR")).secret;
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
});

const FACILITY = "xai-colossus-1";
const create = `mutation($input: CapacityPhaseInput!) {
  createCapacityPhase(input: $input) { capacityPhase { id effectiveOn itPowerMw facility { slug } } userErrors { field code } }
}`;
const phase = (over: Record<string, unknown>) => ({
  facility: FACILITY,
  effectiveOn: "2025-06-01",
  itPowerMw: 1000,
  status: "OPERATIONAL",
  confidence: "REPORTED",
  sources: [{ url: SEED_SOURCE }],
  ...over,
});
const capacityAt = async (asOf: string) => {
  const r = await gql(
    server.url,
    `query($asOf: Date!) { concentration(dimension: OPERATOR, measure: CAPACITY_MW, asOf: $asOf) { shares { value } } }`,
    { asOf },
  );
  return r.body.data.concentration.shares.reduce((sum: number, s: { value: number }) => sum + s.value, 0);
};

describe(`capacity phases through the API (${testBackend()})`, () => {
  it("a new OPERATIONAL phase counts from its date on, and shows in the facility's history", async () => {
    // Colossus 1's seeded phases: 2024-09-02, 2025-02-17, 2025-11-07 (facility MW). The new phase
    // (1,000 IT MW from 2025-06-01) is in force in June and superseded in November.
    const dates = ["2025-05-31", "2025-06-30", "2025-11-30"];
    const before = await Promise.all(dates.map(capacityAt));
    const r = await gql(server.url, create, { input: phase({}) }, editor);
    expect(r.body.data.createCapacityPhase.userErrors).toEqual([]);
    expect(r.body.data.createCapacityPhase.capacityPhase.facility.slug).toBe(FACILITY);
    const after = await Promise.all(dates.map(capacityAt));
    expect(after[0]).toBeCloseTo(before[0] as number, 6);
    expect(after[1]).toBeGreaterThan((before[1] as number) + 500);
    expect(after[2]).toBeCloseTo(before[2] as number, 6);
    const history = await gql(
      server.url,
      `query($slug: String!) { facility(slug: $slug) { capacityHistory { id effectiveOn itPowerMw } } }`,
      { slug: FACILITY },
    );
    const phases = history.body.data.facility.capacityHistory;
    expect(phases.map((p: any) => p.effectiveOn)).toEqual([
      "2024-09-02",
      "2025-02-17",
      "2025-06-01",
      "2025-11-07",
    ]);
    const added = phases[2];
    expect(added.itPowerMw).toBe(1000);
    const node = await gql(
      server.url,
      `query($id: ID!) { node(id: $id) { ... on CapacityPhase { effectiveOn } } }`,
      {
        id: added.id,
      },
    );
    expect(node.body.data.node.effectiveOn).toBe("2025-06-01");
  });

  it.each([
    ["a second phase on a date that has one", phase({ effectiveOn: "2025-02-17" }), "DUPLICATE", "facility"],
    [
      "a phase with neither IT nor facility MW",
      phase({ effectiveOn: "2025-07-01", itPowerMw: null }),
      "REQUIRED",
      "itPowerMw",
    ],
    [
      "an ESTIMATED phase without its method",
      phase({ effectiveOn: "2025-08-01", confidence: "ESTIMATED" }),
      "REQUIRED",
      "note",
    ],
  ])("refuses %s with a typed userError and writes nothing", async (_, input, code, field) => {
    const counts = await writeCounts(handle.db);
    const r = await gql(server.url, create, { input }, editor);
    expect(r.status).toBe(200);
    const payload = r.body.data.createCapacityPhase;
    expect(payload.capacityPhase).toBeNull();
    expect(payload.userErrors).toContainEqual(expect.objectContaining({ code, field: ["input", field] }));
    expect(await writeCounts(handle.db)).toEqual(counts);
  });
});
