import type { EntityName } from "./entities.ts";

/** Receives the records of an export, entity by entity in dependency order, each in canonical form. */
export interface RecordSink {
  begin(entity: EntityName): Promise<void>;
  record(entity: EntityName, record: Record<string, unknown>): Promise<void>;
  end(entity: EntityName): Promise<void>;
  /** After the last entity: flush and close every file. */
  close(): Promise<void>;
}
