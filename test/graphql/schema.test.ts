import { readFileSync } from "node:fs";
import {
  type GraphQLField,
  type GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  printSchema,
} from "graphql";
import { describe, expect, it } from "vitest";
import { graphqlSchema } from "../support/graphql.ts";

/** Every schema element a description must be on, as "Type.field(arg)" paths. */
function undescribed(types: readonly GraphQLNamedType[]): string[] {
  const missing: string[] = [];
  const need = (path: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(path);
  };
  for (const type of types) {
    if (type.name.startsWith("__")) continue;
    if (isScalarType(type) && ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
    need(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        need(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) need(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        need(`${type.name}.${field.name}`, field.description);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) need(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}

describe("GraphQL schema", () => {
  const schema = graphqlSchema();

  it("describes every type, field, argument, input field and enum value", () => {
    expect(undescribed(Object.values(schema.getTypeMap()))).toEqual([]);
  });

  it("the description walk catches a missing description", async () => {
    const { buildSchema } = await import("graphql");
    const bare = buildSchema(`"""Q""" type Query { """f""" f(a: Int): E } """E""" enum E { """x""" X Y }`);
    expect(undescribed(Object.values(bare.getTypeMap()))).toEqual(["Query.f(a)", "E.Y"]);
  });

  it("every Node type carries a global id and every Fact type cites sources", () => {
    const node = schema.getType("Node");
    const fact = schema.getType("Fact");
    if (!isInterfaceType(node) || !isInterfaceType(fact)) throw new Error("Node and Fact must be interfaces");
    const nodeTypes = schema.getImplementations(node).objects.map((t) => t.name);
    expect(nodeTypes).toEqual(expect.arrayContaining(["Vendor", "Chip", "Facility", "Deployment", "Source"]));
    for (const t of schema.getImplementations(fact).objects) {
      expect(String(t.getFields().sources?.type)).toBe("[Citation!]!");
      expect(String(t.getFields().confidence?.type)).toBe("Confidence!");
    }
  });

  it("every connection has edges, pageInfo and totalCount, and every list field pages with first/after", () => {
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      if (type.name.endsWith("Connection")) {
        expect(Object.keys(type.getFields())).toEqual(
          expect.arrayContaining(["edges", "pageInfo", "totalCount"]),
        );
      }
      for (const field of Object.values(type.getFields())) {
        if (!String(field.type).replace("!", "").endsWith("Connection")) continue;
        expect(field.args.map((a) => a.name)).toEqual(expect.arrayContaining(["first", "after"]));
      }
    }
  });

  it("the committed resolver types were generated from this SDL (names every root field)", () => {
    const generated = readFileSync(
      new URL("../../src/api/generated/resolvers-types.ts", import.meta.url),
      "utf8",
    );
    const query = schema.getQueryType();
    for (const name of Object.keys(query?.getFields() ?? {}))
      expect(generated).toContain(`  ${name}?: Resolver<`);
    expect(printSchema(schema)).toContain("interface Node");
  });
});
