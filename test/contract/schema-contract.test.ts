import { describe, expect, it } from "vitest";
import { createGraphqlSchema } from "../../src/api/schema.ts";
import {
  ACKNOWLEDGED,
  changeKey,
  PRINTED_SCHEMA,
  parseAcknowledged,
  printContract,
  RELEASED_SCHEMA,
  readText,
  unacknowledgedBreakingChanges,
} from "../../src/contract/schema-contract.ts";

// The frontends' contract: schema.graphql is current, and nothing breaks the released schema
// unless acknowledged; additions (new types, fields, mutations) always pass.
describe("schema contract", () => {
  const printed = printContract(createGraphqlSchema());
  const released = readText(RELEASED_SCHEMA);

  it("schema.graphql is the current printed schema (npm run schema:print)", () => {
    expect(readText(PRINTED_SCHEMA) === printed, "run `npm run schema:print` and commit schema.graphql").toBe(
      true,
    );
  });

  it("has no unacknowledged breaking change against schema/released.graphql", async () => {
    const breaking = await unacknowledgedBreakingChanges(
      released,
      printed,
      parseAcknowledged(readText(ACKNOWLEDGED)),
    );
    expect(breaking.map((c) => `${changeKey(c)}: ${c.message}`)).toEqual([]);
  });

  it("lets additions through: a new type, a new field, a mutation", async () => {
    const added = `${released}
type Watchlist { id: ID! name: String! }
extend type Query { watchlists: [Watchlist!]! }
type Mutation { createWatchlist(name: String!): Watchlist! }
`;
    expect(await unacknowledgedBreakingChanges(released, added, new Set())).toEqual([]);
  });

  it("fails a removal or a narrowed argument unless acknowledged", async () => {
    const removed = withoutFirstField(released, "totalCount: Int!");
    expect(removed).not.toBe(released);
    const breaking = await unacknowledgedBreakingChanges(released, removed, new Set());
    expect(breaking.length).toBe(1);
    expect(breaking[0]?.type).toBe("FIELD_REMOVED");
    const acknowledged = parseAcknowledged(
      `# intended\n${changeKey(breaking[0] as never)}  # told clients\n`,
    );
    expect(await unacknowledgedBreakingChanges(released, removed, acknowledged)).toEqual([]);
  });
});

/** The SDL without the first field printed as `line`, and its description. */
function withoutFirstField(sdl: string, line: string): string {
  const lines = sdl.split("\n");
  const at = lines.findIndex((l) => l.trim() === line);
  let from = at;
  const above = lines[at - 1]?.trim() ?? "";
  if (above.length > 3 && above.startsWith('"""') && above.endsWith('"""')) from = at - 1;
  else if (above === '"""') {
    from = at - 2;
    while (from > 0 && lines[from]?.trim() !== '"""') from--;
  }
  return [...lines.slice(0, from), ...lines.slice(at + 1)].join("\n");
}
