/* biome-ignore-all lint/suspicious/noExplicitAny: GraphQL results are untyped JSON in tests */
import fc from "fast-check";
import {
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/client.ts";
import { MAX_TEXT_LENGTH } from "../../src/writes/user-errors.ts";
import { type RunningServer, startServer } from "../http/support.ts";
import { testBackend, testDatabase } from "../support/database.ts";
import { graphqlSchema } from "../support/graphql.ts";
import { createMutation, deleteMutation, type EntityCase, entityCases, updateMutation } from "./entities.ts";
import { gql, keyFor, writeCounts } from "./support.ts";

// Generated bad inputs thrown at every mutation over HTTP: each answer is 200 with userErrors (never
// a 500 or a GraphQL error), and nothing is written (row counts of every curated table and of
// audit_log unchanged). Every input carries at least one certain fault, plus random noise in the
// other fields (values of the right GraphQL type, wrong for the domain).

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

const schema = graphqlSchema();

/** Values of a GraphQL input type that GraphQL accepts but the domain may not. */
function inputValue(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  const nullable = !isNonNullType(type);
  let arb: fc.Arbitrary<unknown>;
  if (isListType(inner)) arb = fc.array(inputValue(inner.ofType, depth + 1), { maxLength: 3 });
  else if (isEnumType(inner)) arb = fc.constantFrom(...inner.getValues().map((v) => v.name));
  else if (isInputObjectType(inner)) arb = recordOf(inner.name, depth + 1);
  else if (isScalarType(inner) && inner.name === "Float") {
    arb = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(-1, 0, 0.5, 2e9),
    );
  } else if (isScalarType(inner) && inner.name === "Boolean") arb = fc.boolean();
  else {
    arb = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        "",
        " ",
        "Not A Slug",
        "2025-02-30",
        "http://",
        "no-such-thing",
        "ZZ-999",
        "x".repeat(MAX_TEXT_LENGTH + 1),
      ),
    );
  }
  return nullable ? fc.option(arb, { nil: null }) : arb;
}

function recordOf(inputType: string, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const t = schema.getType(inputType);
  if (!isInputObjectType(t)) throw new Error(`${inputType} is not an input type`);
  const fields = Object.values(t.getFields());
  if (depth > 2) return fc.constant({});
  return fc.record(Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, depth)])), {
    requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
  });
}

/** One fault that makes any record of the entity invalid. */
function certainFault(c: EntityCase): fc.Arbitrary<Record<string, unknown>> {
  const stringField = Object.entries(c.input).find(([, v]) => typeof v === "string")?.[0] as string;
  const faults: Record<string, unknown>[] = [{ [stringField]: "y".repeat(MAX_TEXT_LENGTH + 1) }];
  if ("sources" in c.input) {
    faults.push({ sources: [] }, { sources: [{ url: "https://nowhere.example/unknown" }] });
  } else {
    faults.push({ url: "not a url" }, { title: "" });
  }
  const ref = (Object.entries(c.input).find(([k]) =>
    ["operator", "designer", "developer", "vendor", "dependent", "facility"].includes(k),
  ) ?? [])[0];
  if (ref) faults.push({ [ref]: "no-such-slug-anywhere" });
  return fc.constantFrom(...faults);
}

/** A bad input: the valid one, random noise over some fields, then a certain fault on top. */
const badInput = (c: EntityCase) =>
  fc
    .tuple(recordOf(`${c.type}Input`), fc.subarray(Object.keys(c.input)), certainFault(c))
    .map(([noise, noisy, fault]) => ({
      ...c.input,
      ...Object.fromEntries(noisy.filter((k) => k in noise).map((k) => [k, noise[k]])),
      ...fault,
    }));

async function refusedWithoutWriting(query: string, variables: Record<string, unknown>, name: string) {
  const before = await writeCounts(handle.db);
  const { status, body } = await gql(server.url, query, variables, editor);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data[name].userErrors.length).toBeGreaterThan(0);
  for (const e of body.data[name].userErrors) expect(typeof e.message).toBe("string");
  expect(await writeCounts(handle.db)).toEqual(before);
}

const runs = Number(process.env.PROPERTY_RUNS ?? 10);

describe(`generated bad inputs change nothing (${testBackend()})`, () => {
  for (const c of entityCases) {
    it(`create${c.type} and update${c.type}`, async () => {
      const created = await gql(server.url, createMutation(c), { input: c.input }, editor);
      const row = created.body.data[`create${c.type}`][c.field];
      expect(row).not.toBeNull();
      await fc.assert(
        fc.asyncProperty(badInput(c), async (input) => {
          await refusedWithoutWriting(createMutation(c), { input }, `create${c.type}`);
          await refusedWithoutWriting(
            updateMutation(c),
            { id: row.id, at: row.updatedAt, input },
            `update${c.type}`,
          );
        }),
        { numRuns: runs },
      );
    });

    it(`delete${c.type} with generated ids and versions`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.base64String({ maxLength: 24 }),
            fc
              .integer({ min: 1e6, max: 2e9 })
              .map((n) => Buffer.from(`${c.type}:${n}`).toString("base64url")),
          ),
          fc.date({ noInvalidDate: true, min: new Date("1970-01-01"), max: new Date("2100-01-01") }),
          async (id, at) => {
            await refusedWithoutWriting(deleteMutation(c), { id, at: at.toISOString() }, `delete${c.type}`);
          },
        ),
        { numRuns: runs },
      );
    });
  }

  it("attachSource and detachSource with generated facts, URLs and locators", async () => {
    const fact = (await gql(server.url, `{ facility(slug: "xai-colossus-1") { id } }`, {}, editor)).body.data
      .facility.id;
    const attach = `mutation($input: AttachSourceInput!) { attachSource(input: $input) { citation { locator } userErrors { field code message } } }`;
    const detach = `mutation($input: DetachSourceInput!) { detachSource(input: $input) { fact { confidence } userErrors { field code message } } }`;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(fact), fc.string()),
        fc.oneof(fc.string(), fc.webUrl()),
        fc.option(fc.oneof(fc.string(), fc.constant("z".repeat(MAX_TEXT_LENGTH + 1))), { nil: null }),
        async (f, url, locator) => {
          await refusedWithoutWriting(attach, { input: { fact: f, url, locator } }, "attachSource");
          await refusedWithoutWriting(detach, { input: { fact: f, url } }, "detachSource");
        },
      ),
      { numRuns: runs },
    );
  });
});
