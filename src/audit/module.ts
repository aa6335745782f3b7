import { defineModule } from "../api/module.ts";
import { auditResolvers } from "./resolvers.ts";

/** The audit log of writes (ADMIN); collected in src/api/modules.ts. */
export const auditModule = defineModule({ name: "audit", resolvers: auditResolvers });
