import { chips, deployments } from "../../schema/db/index.ts";
import type { ChipFilter as ChipFilterInput } from "../api/generated/resolvers-types.ts";
import { deploymentPlan } from "../facilities/plan.ts";
import { deploymentList } from "../facilities/resolvers.ts";
import type { EntityPlan, PageSpec } from "../graphql/plan/entity.ts";
import { vendorPlan } from "../vendors/plan.ts";
import { type ChipFilter, chipWhere } from "./queries.ts";
import { chipFilterFromInput, chipList } from "./resolvers.ts";

/** Chips for the look-ahead planner (src/graphql/plan): columns and relations. */

type ChipArgs = Parameters<typeof chipList>[0] & { filter?: ChipFilterInput | null };

/** A chip list's page from its GraphQL arguments, with the decoded filter (the loader path's). */
export function chipPage(args: ChipArgs): PageSpec & { filter: ChipFilter | null } {
  const list = chipList(args); // the ordering and cursors are checked first, as the loader path did
  const filter = chipFilterFromInput(args.filter);
  return { ...list, filter, where: chipWhere(filter) };
}

export const chipPlan: EntityPlan = {
  type: "Chip",
  table: chips,
  columns: { id: [chips.id] },
  relations: {
    designer: { kind: "one", target: () => vendorPlan, key: chips.designerId },
    foundry: { kind: "one", target: () => vendorPlan, key: chips.foundryId },
    deployments: {
      kind: "page",
      target: () => deploymentPlan,
      parent: deployments.chipId,
      page: (args) => deploymentList(args as Parameters<typeof deploymentList>[0]),
    },
  },
};
