import { z } from "zod";
import {
  disclosureKind,
  disclosureMetric,
  regulatoryStage,
  regulatoryTopic,
  signalKind,
  vendorKind,
} from "../../schema/db/enums.ts";
import { DIMENSIONS, MEASURES } from "../indices/concentration/spec.ts";

/** The kinds of signal of DESIGN §4. */
export const SIGNAL_KINDS = signalKind.enumValues;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

const nonEmpty = <T extends z.ZodType>(item: T) => z.array(item).min(1).optional();
const jurisdiction = z.string().regex(/^([A-Z]{2}|[A-Z]{2}-[A-Z0-9]{1,3})$/, "ISO 3166 code or EU");

/**
 * Rule parameters per kind. A missing list means "any"; every list given must match (AND across
 * fields, OR within a list). A rule that matches nothing is valid.
 */
export const regulatoryEventRule = z
  .object({
    topics: nonEmpty(z.enum(regulatoryTopic.enumValues)),
    stages: nonEmpty(z.enum(regulatoryStage.enumValues)),
    /** A country also matches its subdivisions (US matches US-CA). */
    jurisdictions: nonEmpty(jurisdiction),
  })
  .strict();

export const outageRule = z
  .object({
    minSeverity: z.number().int().min(1).max(5).default(1),
    /** Kinds of the impacted vendors (any impacted vendor of one of these kinds). */
    vendorKinds: nonEmpty(z.enum(vendorKind.enumValues)),
  })
  .strict();

export const disclosureRule = z
  .object({
    metrics: nonEmpty(z.enum(disclosureMetric.enumValues)),
    kinds: nonEmpty(z.enum(disclosureKind.enumValues)),
    vendorKinds: nonEmpty(z.enum(vendorKind.enumValues)),
  })
  .strict();

export const modelReleaseRule = z
  .object({
    openWeights: z.boolean().optional(),
    /** At most this many GB of memory to run (models without a stated figure do not match). */
    maxMemoryGb: z.number().positive().optional(),
  })
  .strict();

const concentrationSpec = z
  .object({
    dimension: z.enum(DIMENSIONS),
    measure: z.enum(MEASURES),
    segment: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => (s.measure === "REPORTED_SHARE") === (s.segment !== undefined), {
    message: "segment is required by REPORTED_SHARE and only allowed there",
  });

export const indexMoveRule = z
  .object({
    /** Concentration indices watched between the previous slot's date and this slot's date. */
    concentration: z.array(concentrationSpec).max(10).default([]),
    /** HHI threshold: a move across it (either way) is reported. */
    crossing: z.number().min(0).max(10_000).default(1800),
    /** HHI change reported when larger than this (in absolute value, or rising only). */
    delta: z.number().min(0).max(10_000).default(100),
    direction: z.enum(["RISING", "ANY"]).default("ANY"),
    /** Risk scores: the largest movers of this subject kind, by more than `delta` points. */
    risk: z
      .object({
        subject: z.enum(["FACILITY", "VENDOR", "JURISDICTION"]),
        delta: z.number().min(0).max(100).default(1),
        top: z.number().int().min(1).max(20).default(5),
      })
      .strict()
      .optional(),
  })
  .strict();

export const ruleSchemas = {
  REGULATORY_EVENT: regulatoryEventRule,
  OUTAGE: outageRule,
  DISCLOSURE: disclosureRule,
  MODEL_RELEASE: modelReleaseRule,
  INDEX_MOVE: indexMoveRule,
} satisfies Record<SignalKind, z.ZodType>;

export type RegulatoryEventRule = z.infer<typeof regulatoryEventRule>;
export type OutageRule = z.infer<typeof outageRule>;
export type DisclosureRule = z.infer<typeof disclosureRule>;
export type ModelReleaseRule = z.infer<typeof modelReleaseRule>;
export type IndexMoveRule = z.infer<typeof indexMoveRule>;

export type ParsedRule =
  | { kind: "REGULATORY_EVENT"; rule: RegulatoryEventRule }
  | { kind: "OUTAGE"; rule: OutageRule }
  | { kind: "DISCLOSURE"; rule: DisclosureRule }
  | { kind: "MODEL_RELEASE"; rule: ModelReleaseRule }
  | { kind: "INDEX_MOVE"; rule: IndexMoveRule };

/** A rule that does not validate; `field` is the dotted path inside the rule (`rule.minSeverity`). */
export class RuleError extends Error {
  override name = "RuleError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Validates a rule for its kind and fills the defaults; throws RuleError naming the field. */
export function parseRule(kind: string, rule: unknown): ParsedRule {
  if (!(SIGNAL_KINDS as readonly string[]).includes(kind)) {
    throw new RuleError("kind", `unknown signal kind ${kind} (one of ${SIGNAL_KINDS.join(", ")})`);
  }
  const result = ruleSchemas[kind as SignalKind].safeParse(rule ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = ["rule", ...(issue?.path ?? []).map(String)].join(".");
    throw new RuleError(path, `${path}: ${issue?.message ?? "invalid"}`);
  }
  return { kind, rule: result.data } as ParsedRule;
}
