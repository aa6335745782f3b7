import { deployments, facilities } from "../../schema/db/index.ts";
import type { FacilityFilter as FacilityFilterInput } from "../api/generated/resolvers-types.ts";
import { chipPlan } from "../chips/plan.ts";
import type { EntityPlan, PageSpec } from "../graphql/plan/entity.ts";
import { vendorPlan } from "../vendors/plan.ts";
import { type FacilityFilter, facilityWhere } from "./queries.ts";
import { deploymentList, facilityFilterFromInput, facilityList } from "./resolvers.ts";

/** Facilities and deployments for the look-ahead planner (src/graphql/plan): columns and relations. */

type FacilityArgs = Parameters<typeof facilityList>[0] & { filter?: FacilityFilterInput | null };

/** A facility list's page from its GraphQL arguments, with the decoded filter (the loader path's). */
export function facilityPage(args: FacilityArgs): PageSpec & { filter: FacilityFilter | null } {
  const list = facilityList(args); // the ordering and cursors are checked first, as the loader path did
  const filter = facilityFilterFromInput(args.filter);
  return { ...list, filter, where: facilityWhere(filter) };
}

export const facilityPlan: EntityPlan = {
  type: "Facility",
  table: facilities,
  columns: { id: [facilities.id] },
  relations: {
    operator: { kind: "one", target: () => vendorPlan, key: facilities.operatorId },
    deployments: {
      kind: "page",
      target: () => deploymentPlan,
      parent: deployments.facilityId,
      page: (args) => deploymentList(args as Parameters<typeof deploymentList>[0]),
    },
  },
};

export const deploymentPlan: EntityPlan = {
  type: "Deployment",
  table: deployments,
  columns: { id: [deployments.id] },
  relations: {
    facility: { kind: "one", target: () => facilityPlan, key: deployments.facilityId },
    chip: { kind: "one", target: () => chipPlan, key: deployments.chipId },
  },
};
