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
    name: "Q1 Accelerator concentration by chip designer",
    query: `# Q1: how concentrated is the installed AI-accelerator base by chip designer, and how did it move
# from a year earlier? HHI = Σ (100·s_i)², CR4, effective competitors = 10,000 / HHI, the 2023 Merger
# Guidelines class, and the delta against compareTo. Field descriptions in the Docs panel give every formula.
query AcceleratorConcentration {
  installedBase: concentration(
    dimension: CHIP_DESIGNER
    measure: ACCELERATORS
    asOf: "2025-11-01"
    compareTo: "2024-11-01"
  ) {
    ...Index
  }
  # Cross-check: analysts' data-centre GPU shipment shares for the same designers.
  reportedShipments: concentration(
    dimension: CHIP_DESIGNER
    measure: REPORTED_SHARE
    segment: "ai-accelerators"
    asOf: "2024-06-30"
    compareTo: "2023-06-30"
  ) {
    ...Index
  }
}

fragment Index on Concentration {
  asOf
  hhi
  crN
  n
  effectiveCompetitors
  class
  firms
  unattributedShare
  comparison {
    asOf
    hhi
    delta
    significantIncrease
  }
  shares {
    entity {
      name
    }
    value
    share
  }
}
`,
  },
  {
    name: "Q2 Capacity concentration by operator, country, grid region",
    query: `# Q2: how concentrated is operational AI capacity (IT MW of facilities operational at the date)
# by operator, by country and by grid region? Facilities with no known MW count for nothing.
query CapacityConcentration {
  byOperator: concentration(dimension: OPERATOR, measure: CAPACITY_MW, asOf: "2025-11-01") {
    ...Index
  }
  byCountry: concentration(dimension: COUNTRY, measure: CAPACITY_MW, asOf: "2025-11-01") {
    ...Index
  }
  byGridRegion: concentration(dimension: GRID_REGION, measure: CAPACITY_MW, asOf: "2025-11-01") {
    ...Index
  }
}

fragment Index on Concentration {
  hhi
  crN
  effectiveCompetitors
  class
  firms
  unattributedValue
  shares {
    entity {
      name
    }
    value
    share
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
    name: "Q4 Risk rankings with components and evidence",
    query: `# Q4: vendors, facilities and jurisdictions ranked by risk. score = 100 · Σ w_k · c_k; every
# component shows its value c_k, weight w_k, contribution and the rows that drove it (open one with
# node(id:)). Pass weights: [{ component: ..., weight: ... }] summing to 1 to weigh it differently.
query RiskRankings {
  vendors: riskScores(subject: VENDOR, asOf: "2025-11-01", first: 5) {
    ...Ranking
  }
  facilities: riskScores(subject: FACILITY, asOf: "2025-11-01", first: 5) {
    ...Ranking
  }
  jurisdictions: riskScores(subject: JURISDICTION, asOf: "2025-11-01", first: 5) {
    ...Ranking
  }
}

fragment Ranking on RiskScoreConnection {
  totalCount
  weights {
    component
    weight
  }
  edges {
    node {
      name
      score
      components {
        component
        value
        weight
        contribution
        note
        evidenceCount
        evidence {
          kind
          node {
            id
            ... on Outage {
              title
              startedAt
              severity
            }
            ... on RegulatoryEvent {
              title
              jurisdiction
              stage
            }
            ... on Facility {
              name
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    name: "Q5 Blast radius of a foundry",
    query: `# Q5: if a provider fails, who depends on it, directly and transitively, and how exposed is each?
# exposure = max over paths of the product of dependency weights (unknown weights count 1). Try
# vendorSlug: "nvidia", "microsoft" or facilitySlug: "stargate-abilene".
query BlastRadius {
  blastRadius(provider: { vendorSlug: "tsmc" }, asOf: "2025-11-01", maxDepth: 6) {
    asOf
    providerCapacityMw
    capacityShare
    dependents {
      vendor {
        name
        kind
      }
      depth
      shortestDepth
      exposure
      weightUnknown
      path {
        vendor {
          name
        }
        facility {
          name
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
    name: "Coverage: how much data the indices rest on",
    query: `# Before trusting an index, read what it rests on. coverage lists, per index input, how many
# rows are in scope and how many carry a value; a concentration's coverage says how much of its
# total is derived (IT MW = facility MW / PUE) or ESTIMATED; formulaConstants cite their sources.
query Coverage {
  coverage(asOf: "2025-12-31") {
    inputs { index input rowsInScope rowsWithValue share }
  }
  concentration(dimension: OPERATOR, measure: CAPACITY_MW, asOf: "2025-12-31") {
    hhi
    firms
    rollup
    coverage { rowsInScope rowsWithValue derivedShare estimatedShare }
  }
  formulaConstants { name value unit usedBy sourceUrl }
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
