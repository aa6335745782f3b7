import { type GraphQLSchema, parse, validate } from "graphql";

/** A GraphiQL tab the page opens with: a named query answering one of DESIGN §1's questions. */
export interface GraphiqlExample {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * The example tabs of GET /graphiql, in order. Add more here. An example that does not validate
 * against the served schema is left off the page (and logged), so a renamed field never shows an
 * analyst a broken tab.
 */
export const graphiqlExamples: GraphiqlExample[] = [
  {
    name: "Vendors",
    query: `# Hyperscope: who controls AI compute, whose silicon runs it, where it sits.
# Press the run button (or Ctrl-Enter). The Docs panel lists every type and field.
query Vendors {
  vendors(first: 10, filter: { kind: [HYPERSCALER, NEOCLOUD] }) {
    totalCount
    edges {
      node {
        slug
        name
        kind
        hqCountry
        facilities(first: 5) {
          totalCount
        }
      }
    }
  }
}
`,
  },
  {
    name: "Q3 High-density facilities under power/carbon/water rules",
    query: `# Q3: which facilities above 100 kW per rack sit in jurisdictions (subdivision, country,
# unions such as the EU) with POWER, CARBON or WATER rules that are enacted or in force?
query HighDensityFacilitiesUnderRules {
  facilities(
    first: 20
    filter: {
      rackDensityKw: { min: 100 }
      regulatedBy: { topics: [POWER, CARBON, WATER], stages: [ENACTED, IN_FORCE] }
    }
    orderBy: { field: RACK_DENSITY_KW, direction: DESC }
  ) {
    totalCount
    edges {
      node {
        slug
        name
        operator {
          name
        }
        country
        subdivision
        jurisdictions
        rackDensityKwTypical
        rackDensityKwMax
        itPowerMw
        cooling
        confidence
        sources {
          source {
            title
            url
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: "Chips, designers and foundries",
    query: `# Whose silicon runs the AI factory: accelerators with their designer and foundry.
query ChipsDesignersFoundries {
  chips(first: 20) {
    totalCount
    edges {
      node {
        name
        designer {
          name
        }
        foundry {
          name
        }
        processNode
        releaseDate
        tdpW
        memoryGb
        bf16DenseTflops
      }
    }
  }
}
`,
  },
  {
    name: "Q7 Sources",
    query: `# Q7: which sources back the numbers? Every curated fact cites sources; here each source
# with how many facts of each kind cite it.
query Sources {
  sources(first: 20, orderBy: { field: PUBLISHED_ON, direction: DESC }) {
    totalCount
    edges {
      node {
        title
        publisher
        url
        publishedOn
        citationCount
        cited {
          entity
          count
        }
      }
    }
  }
}
`,
  },
  {
    name: "API schema",
    query: `# The schema's root types (introspection).
query ApiSchema {
  __schema {
    queryType {
      name
    }
    mutationType {
      name
    }
  }
}
`,
  },
];

/** The examples that parse and validate against `schema`, and the names of those that do not. */
export function validateExamples(
  schema: GraphQLSchema,
  examples: readonly GraphiqlExample[] = graphiqlExamples,
): { valid: GraphiqlExample[]; invalid: { name: string; errors: string[] }[] } {
  const valid: GraphiqlExample[] = [];
  const invalid: { name: string; errors: string[] }[] = [];
  for (const example of examples) {
    let errors: string[];
    try {
      errors = validate(schema, parse(example.query)).map((e) => e.message);
    } catch (error) {
      errors = [(error as Error).message];
    }
    if (errors.length === 0) valid.push(example);
    else invalid.push({ name: example.name, errors });
  }
  return { valid, invalid };
}
