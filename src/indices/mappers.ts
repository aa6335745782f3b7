import type { BlastDependent, PathStep } from "./blast-radius.ts";

/**
 * What resolvers pass around for this domain's GraphQL types (codegen `mappers`, listed in codegen.ts).
 * A blast radius carries ids; its vendors and facilities are loaded by their own field resolvers
 * (never as promise-valued properties, which the compiled executor would not await).
 */
export type BlastDependentModel = BlastDependent;
export type BlastPathStepModel = PathStep;
