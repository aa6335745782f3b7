import { and, desc, eq, getTableColumns, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { apiKeys } from "../../schema/db/index.ts";
import type { Database } from "../db/client.ts";
import { anyId } from "../db/filters.ts";
import { type Page, type PageRequest, pageOf } from "../db/pagination.ts";
import type { Role } from "./viewer.ts";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** A key as the API and the audit log show it: everything but the hash. */
export type ApiKeyView = Omit<ApiKeyRow, "keyHash">;

const { keyHash: _hash, ...viewColumns } = getTableColumns(apiKeys);

/** last_used_at is written at most this often per key, so authenticating costs no write per request. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

export function insertApiKey(db: Database, key: { name: string; role: Role; keyHash: string }) {
  return db
    .insert(apiKeys)
    .values(key)
    .returning(viewColumns)
    .then((rows) => rows[0] as ApiKeyView);
}

export async function findApiKeyByHash(db: Database, keyHash: string): Promise<ApiKeyView | null> {
  const [row] = await db.select(viewColumns).from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
  return row ?? null;
}

/** Records a use of the key unless one was recorded within LAST_USED_RESOLUTION_SECONDS. */
export async function touchApiKey(db: Database, id: number): Promise<void> {
  const recent = sql`now() - make_interval(secs => ${LAST_USED_RESOLUTION_SECONDS})`;
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, recent))));
}

export function getApiKeysByIds(db: Database, ids: readonly number[]): Promise<ApiKeyView[]> {
  return db.select(viewColumns).from(apiKeys).where(anyId(apiKeys.id, ids));
}

/** Locks and returns a key (for revocation). */
export async function lockApiKey(db: Database, id: number): Promise<ApiKeyView | null> {
  const [row] = await db.select(viewColumns).from(apiKeys).where(eq(apiKeys.id, id)).for("update");
  return row ?? null;
}

export async function setApiKeyRevoked(db: Database, id: number): Promise<ApiKeyView> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(eq(apiKeys.id, id))
    .returning(viewColumns);
  return row as ApiKeyView;
}

export interface ApiKeyListParams {
  includeRevoked: boolean;
  request: PageRequest;
}

/** Keys newest first (by id). */
export function getApiKeys(db: Database, params: ApiKeyListParams): Promise<Page<ApiKeyRow>> {
  const where: SQL | undefined = params.includeRevoked ? undefined : isNull(apiKeys.revokedAt);
  return pageOf(db, apiKeys, {
    where,
    sort: { column: apiKeys.id, direction: "DESC" },
    request: params.request,
  });
}

/** Every key, oldest first (for `hyperscope keys list`). */
export function listAllApiKeys(db: Database): Promise<ApiKeyView[]> {
  return db.select(viewColumns).from(apiKeys).orderBy(desc(apiKeys.id));
}
