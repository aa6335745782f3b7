import { pgEnum } from "drizzle-orm/pg-core";

/** How sure we are of a fact: CONFIRMED by a primary source, REPORTED by a secondary one, or ESTIMATED. */
export const confidence = pgEnum("confidence", ["CONFIRMED", "REPORTED", "ESTIMATED"]);

/** What role a vendor plays in the AI factory supply chain. */
export const vendorKind = pgEnum("vendor_kind", [
  "HYPERSCALER",
  "NEOCLOUD",
  "COLOCATION",
  "CHIP_DESIGNER",
  "FOUNDRY",
  "MODEL_LAB",
  "UTILITY",
  "OTHER",
]);

/** Life-cycle stage of a data-center facility. */
export const facilityStatus = pgEnum("facility_status", [
  "ANNOUNCED",
  "UNDER_CONSTRUCTION",
  "OPERATIONAL",
  "DECOMMISSIONED",
  "CANCELLED",
]);

/** How a facility removes heat from its IT load. */
export const cooling = pgEnum("cooling", ["AIR", "DIRECT_TO_CHIP", "IMMERSION", "HYBRID"]);

/** Root-cause category of an outage. */
export const outageCause = pgEnum("outage_cause", [
  "POWER",
  "COOLING",
  "NETWORK",
  "SOFTWARE_CONFIG",
  "HARDWARE",
  "CYBERATTACK",
  "HUMAN_ERROR",
  "THIRD_PARTY",
  "WEATHER",
  "UNKNOWN",
]);

/** The legal form of a regulatory event. */
export const regulatoryInstrument = pgEnum("regulatory_instrument", [
  "LAW",
  "REGULATION",
  "EXECUTIVE_ORDER",
  "GUIDANCE",
  "MORATORIUM",
  "STANDARD",
  "COURT_RULING",
]);

/** How far a rule has progressed; proposed < passed < enacted < in force. */
export const regulatoryStage = pgEnum("regulatory_stage", [
  "PROPOSED",
  "PASSED",
  "ENACTED",
  "IN_FORCE",
  "REPEALED",
  "WITHDRAWN",
]);

/** What a rule is about. */
export const regulatoryTopic = pgEnum("regulatory_topic", [
  "POWER",
  "CARBON",
  "WATER",
  "GRID_CONNECTION",
  "DATA_SOVEREIGNTY",
  "LIABILITY",
  "SAFETY",
  "EXPORT_CONTROL",
  "ANTITRUST",
  "PRIVACY",
]);

/** What a vendor disclosure measures. */
export const disclosureMetric = pgEnum("disclosure_metric", [
  "CAPEX_USD",
  "OPEX_USD",
  "ENERGY_MWH",
  "WATER_M3",
  "EMISSIONS_TCO2E",
  "OVERSIGHT_HEADCOUNT",
  "TOKENS_PER_SECOND",
  "IT_CAPACITY_MW",
  "PUE",
  "WUE",
  "RENEWABLE_SHARE",
  "REVENUE_USD",
]);

/** Whether a disclosed figure was audited/reported, merely claimed, estimated by others, or measured independently. */
export const disclosureKind = pgEnum("disclosure_kind", ["REPORTED", "CLAIMED", "ESTIMATED", "MEASURED"]);

/** What a provider supplies to a dependent vendor. */
export const dependencyKind = pgEnum("dependency_kind", [
  "CLOUD_TENANT",
  "CHIP_SUPPLY",
  "FOUNDRY",
  "POWER_SUPPLY",
  "COLOCATION",
  "MODEL_API",
]);

/** The smallest class of hardware a model runs on. */
export const hardwareClass = pgEnum("hardware_class", [
  "DATACENTER",
  "WORKSTATION",
  "CONSUMER_GPU",
  "LAPTOP",
  "PHONE",
]);

/** API key roles: READER reads, EDITOR writes and imports, ADMIN manages keys and subscriptions. */
export const apiRole = pgEnum("api_role", ["READER", "EDITOR", "ADMIN"]);

/** Kinds of watch signal (DESIGN §4). */
export const signalKind = pgEnum("signal_kind", [
  "REGULATORY_EVENT",
  "OUTAGE",
  "DISCLOSURE",
  "MODEL_RELEASE",
  "INDEX_MOVE",
]);

/** Output formats of a digest. */
export const digestFormat = pgEnum("digest_format", ["MARKDOWN", "HTML", "JSON"]);

/** Delivery state of one digest to one destination. */
export const deliveryStatus = pgEnum("delivery_status", ["PENDING", "DELIVERED", "FAILED"]);

/** Kind of write recorded in the audit log. */
export const auditAction = pgEnum("audit_action", ["INSERT", "UPDATE", "DELETE", "IMPORT"]);
