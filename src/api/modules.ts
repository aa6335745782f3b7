import { auditModule } from "../audit/module.ts";
import { authModule } from "../auth/module.ts";
import { chipModule } from "../chips/module.ts";
import { digestModule } from "../digests/module.ts";
import { disclosureModule } from "../disclosures/module.ts";
import { facilityModule } from "../facilities/module.ts";
import { indexModule } from "../indices/module.ts";
import { interchangeModule } from "../interchange/module.ts";
import { marketModule } from "../market/module.ts";
import { modelModule } from "../models/module.ts";
import { outageModule } from "../outages/module.ts";
import { regulationModule } from "../regulation/module.ts";
import { sourceModule } from "../sources/module.ts";
import { vendorModule } from "../vendors/module.ts";

/**
 * Every domain of the API, once. A new domain writes schema/graphql/<domain>.graphql,
 * src/<domain>/{queries,loaders,resolvers,mappers,module}.ts, lists its mapped types in codegen.ts
 * (then `npm run codegen`) and adds its module here; the schema (./schema.ts) and the per-request
 * context (./context.ts) are built from this list.
 */
export const modules = [
  vendorModule,
  chipModule,
  facilityModule,
  sourceModule,
  outageModule,
  regulationModule,
  disclosureModule,
  marketModule,
  modelModule,
  indexModule,
  authModule,
  auditModule,
  interchangeModule,
  digestModule,
] as const;
