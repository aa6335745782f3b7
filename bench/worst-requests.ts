/** The probe's worst requests (issue 10), as an attacker sent them; used by test/limits and bench/probe.ts. */
export const worstRequests = {
  /** vendors > facilities > operator > facilities > operator > facilities > operator > facilities, first: 100. */
  depth7: `{ vendors(first: 100) { edges { node { ${"facilities(first: 100) { edges { node { operator { ".repeat(3)}facilities(first: 100) { edges { node { name } } }${" } } } }".repeat(3)} } } } }`,
  riskAliases: `{ ${Array.from({ length: 20 }, (_, i) => `r${i}: riskScores(subject: FACILITY, asOf: "2025-01-01", first: 100) { edges { node { score } } }`).join(" ")} }`,
  countAliases: `{ ${Array.from({ length: 1000 }, (_, i) => `f${i}: facilities(first: 1) { totalCount }`).join(" ")} }`,
};
