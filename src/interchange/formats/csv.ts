import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { fieldsOf, folderOf } from "../entities.ts";
import { type OutputFile, openOutput } from "../output.ts";
import type { RecordSink } from "../sink.ts";

// CSV: one file per entity (`<folder>.csv`), a header row of the record's field names in
// seeds/README.md order, one row per record. An empty cell is a left-out field; numbers and
// booleans are written as JSON writes them; list and object fields (sources, impacts, subjects,
// topics, servicesAffected) are JSON text in their cell. RFC 4180 quoting, `\n` line ends.

/** How a CSV cell is read back: the kind of each field that is not plain text. */
export const cellKinds: Record<string, "number" | "boolean" | "json"> = {
  latitude: "number",
  longitude: "number",
  itPowerMw: "number",
  plannedItPowerMw: "number",
  facilityPowerMw: "number",
  plannedFacilityPowerMw: "number",
  rackDensityKwTypical: "number",
  rackDensityKwMax: "number",
  pue: "number",
  wue: "number",
  tdpW: "number",
  memoryGb: "number",
  memoryBandwidthTbps: "number",
  bf16DenseTflops: "number",
  fp8DenseTflops: "number",
  acceleratorCount: "number",
  parametersB: "number",
  minMemoryGb: "number",
  severity: "number",
  value: "number",
  share: "number",
  weight: "number",
  openWeights: "boolean",
  sources: "json",
  impacts: "json",
  subjects: "json",
  topics: "json",
  servicesAffected: "json",
};

/** The CSV file of an entity inside an export folder. */
export const csvFileOf = (dir: string, folder: string) => join(dir, `${folder}.csv`);

function cell(value: unknown): string {
  if (value == null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Writes one CSV file per entity into `dir`. */
export function csvSink(dir: string): RecordSink {
  let out: OutputFile | undefined;
  let fields: string[] = [];
  return {
    async begin(entity) {
      mkdirSync(dir, { recursive: true });
      out = openOutput(csvFileOf(dir, folderOf(entity)));
      fields = fieldsOf(entity);
      await out.write(stringify([fields]));
    },
    async record(_entity, record) {
      await out?.write(stringify([fields.map((f) => cell(record[f]))]));
    },
    async end() {
      await out?.close();
      out = undefined;
    },
    async close() {},
  };
}
