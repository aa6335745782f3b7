import { sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { parseRule, type SignalKind } from "./rules.ts";

export interface BuiltInSignal {
  slug: string;
  name: string;
  kind: SignalKind;
  rule: Record<string, unknown>;
}

/** The six signals of DESIGN §4, from the field's watch list. */
export const BUILT_IN_SIGNALS: readonly BuiltInSignal[] = [
  {
    slug: "ai-datacenter-power-carbon-rules",
    name: "Regulation of the power use or carbon footprint of AI data centers",
    kind: "REGULATORY_EVENT",
    rule: { topics: ["POWER", "CARBON"] },
  },
  {
    slug: "open-weight-models-small-hardware",
    name: "Open-weight models that run on small, decentralized hardware (at most 24 GB)",
    kind: "MODEL_RELEASE",
    rule: { openWeights: true, maxMemoryGb: 24 },
  },
  {
    slug: "hyperscaler-true-operating-costs",
    name: "Hyperscalers disclosing true operating costs (energy, water, human-oversight headcount)",
    kind: "DISCLOSURE",
    rule: {
      metrics: ["OPEX_USD", "ENERGY_MWH", "WATER_M3", "OVERSIGHT_HEADCOUNT"],
      vendorKinds: ["HYPERSCALER"],
    },
  },
  {
    slug: "ai-output-liability-legislation",
    name: "Legislation assigning liability for harmful outputs of commercial AI",
    kind: "REGULATORY_EVENT",
    rule: { topics: ["LIABILITY"], stages: ["PROPOSED", "PASSED", "ENACTED", "IN_FORCE"] },
  },
  {
    slug: "severe-cloud-outages",
    name: "Severe outages (severity 4 or more) at a hyperscaler or neocloud",
    kind: "OUTAGE",
    rule: { minSeverity: 4, vendorKinds: ["HYPERSCALER", "NEOCLOUD"] },
  },
  {
    slug: "concentration-crossing-1800",
    name: "A concentration index crossing 1,800 or rising by more than 100 (and the largest risk movers)",
    kind: "INDEX_MOVE",
    rule: {
      concentration: [
        { dimension: "CHIP_DESIGNER", measure: "ACCELERATORS" },
        { dimension: "OPERATOR", measure: "CAPACITY_MW" },
        { dimension: "COUNTRY", measure: "CAPACITY_MW" },
        { dimension: "CHIP_DESIGNER", measure: "REPORTED_SHARE", segment: "ai-accelerators" },
      ],
      crossing: 1800,
      delta: 100,
      direction: "RISING",
      risk: { subject: "VENDOR", delta: 1, top: 5 },
    },
  },
];

/**
 * Creates the built-in signals that are missing (by slug); an existing one is left as an ADMIN may
 * have changed it. Idempotent: run by migrate.
 */
export async function ensureBuiltInSignals(db: Database): Promise<void> {
  for (const s of BUILT_IN_SIGNALS) {
    parseRule(s.kind, s.rule); // a broken built-in is a programming error: fail loudly
    await db.execute(
      sql`insert into signals (slug, name, kind, rule, built_in)
          values (${s.slug}, ${s.name}, ${s.kind}, ${JSON.stringify(s.rule)}::jsonb, true)
          on conflict (slug) do nothing`,
    );
  }
}
