import { GraphQLError } from "graphql";
import type { Database } from "../db/client.ts";
import { findApiKeyByHash, touchApiKey } from "./queries.ts";
import { hashSecret } from "./secrets.ts";
import { anonymousViewer, type Viewer } from "./viewer.ts";

/** Refusal of the whole request before any field runs (HTTP 401). */
const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });

/**
 * Who is asking, from the `Authorization` header: `Bearer <key>` of a valid key gives its viewer
 * (and records the use, at most once a minute); no header is anonymous, allowed only when
 * `anonymousRead` (anonymous callers can only read: every write needs a role). A malformed header,
 * an unknown key or a revoked key is refused with UNAUTHENTICATED even for reads.
 */
export async function authenticate(
  db: Database,
  authorization: string | undefined,
  options: { anonymousRead: boolean },
): Promise<Viewer> {
  if (authorization == null || authorization.trim() === "") {
    if (options.anonymousRead) return anonymousViewer;
    throw unauthenticated("This server needs an API key: send Authorization: Bearer <key>");
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match) throw unauthenticated("Malformed Authorization header: expected Bearer <key>");
  const key = await findApiKeyByHash(db, hashSecret(match[1] as string));
  if (!key) throw unauthenticated("Unknown API key");
  if (key.revokedAt) throw unauthenticated("This API key was revoked");
  await touchApiKey(db, key.id);
  return { keyId: key.id, keyName: key.name, role: key.role };
}
