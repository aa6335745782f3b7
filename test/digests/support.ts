import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from "../../src/digests/deliver/worker.ts";
import { testDatabase } from "../support/database.ts";
import { clonePostgresTemplate, dropPostgresDatabase } from "../support/postgres-admin.ts";

/**
 * `count` handles on ONE test database: separate connection pools on PostgreSQL (as separate server
 * instances would have); on PGlite, which has one connection, a single handle.
 */
export async function sharedDatabase(
  kind: "empty" | "seeded",
  count: number,
): Promise<{ handles: DatabaseHandle[]; close: () => Promise<void> }> {
  if (inject("testBackend") !== "postgres") {
    const h = await testDatabase(kind);
    return { handles: [h], close: () => h.close() };
  }
  const url = process.env.TEST_DATABASE_URL as string;
  const name = `${inject("runId")}_t_${randomBytes(4).toString("hex")}`;
  const dbUrl = await clonePostgresTemplate(url, inject("postgresTemplates")[kind], name);
  const handles = await Promise.all(
    Array.from({ length: count }, () => openDatabase({ url: dbUrl, maxConnections: 3 })),
  );
  return {
    handles,
    close: async () => {
      await Promise.all(handles.map((h) => h.close()));
      await dropPostgresDatabase(url, name);
    },
  };
}

/** Fast retries for tests. */
export const testDeliveryPolicy = (over: Partial<DeliveryPolicy> = {}): DeliveryPolicy => ({
  ...DEFAULT_DELIVERY_POLICY,
  timeoutMs: 2_000,
  backoffBaseMs: 1_000,
  backoffCapMs: 8_000,
  leaseMs: 30_000,
  smtpFrom: "hyperscope@test.invalid",
  ...over,
});

export const ADMIN = { keyId: 1, keyName: "t", role: "ADMIN" as const };
