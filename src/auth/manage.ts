import { recordAudit } from "../audit/record.ts";
import type { Database } from "../db/client.ts";
import { userError, WriteRefused } from "../writes/user-errors.ts";
import { type ApiKeyView, insertApiKey, listAllApiKeys, lockApiKey, setApiKeyRevoked } from "./queries.ts";
import { hashSecret, newSecret } from "./secrets.ts";
import { type Role, roles } from "./viewer.ts";

/**
 * Key management shared by the CLI (`hyperscope keys`) and the ADMIN mutations. Each change runs in
 * its own transaction with its audit row (entity `api_keys`; the hash never enters the log).
 */

export const MAX_KEY_NAME_LENGTH = 200;

export interface CreatedKey {
  key: ApiKeyView;
  /** The secret, returned once: only its SHA-256 hash is stored. */
  secret: string;
}

/** Creates a key; a blank or too long name or an unknown role is refused (WriteRefused). */
export async function createKey(
  db: Database,
  input: { name: string; role: string },
  actor: string,
): Promise<CreatedKey> {
  const name = input.name.trim();
  if (name.length === 0)
    throw new WriteRefused([userError(["input", "name"], "REQUIRED", "name must not be empty")]);
  if (name.length > MAX_KEY_NAME_LENGTH) {
    throw new WriteRefused([
      userError(["input", "name"], "TOO_LONG", `name must be at most ${MAX_KEY_NAME_LENGTH} characters`),
    ]);
  }
  if (!(roles as readonly string[]).includes(input.role)) {
    throw new WriteRefused([
      userError(["input", "role"], "INVALID", `role must be one of ${roles.join(", ")}`),
    ]);
  }
  const secret = newSecret();
  const key = await db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const row = await insertApiKey(t, { name, role: input.role as Role, keyHash: hashSecret(secret) });
    await recordAudit(t, [
      { actor, action: "INSERT", entity: "api_keys", entityId: row.id, before: null, after: row },
    ]);
    return row;
  });
  return { key, secret };
}

/** Revokes a key (idempotent: revoking again keeps the first revocation time and logs nothing). */
export async function revokeKey(db: Database, id: number, actor: string): Promise<ApiKeyView> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Database;
    const before = await lockApiKey(t, id);
    if (!before)
      throw new WriteRefused([userError(["input", "id"], "NOT_FOUND", `no API key with id ${id}`)]);
    if (before.revokedAt) return before;
    const after = await setApiKeyRevoked(t, id);
    await recordAudit(t, [{ actor, action: "UPDATE", entity: "api_keys", entityId: id, before, after }]);
    return after;
  });
}

export { listAllApiKeys };
