import { GraphQLError } from "graphql";

/** The roles of DESIGN §5, weakest first: READER reads, EDITOR also writes and imports, ADMIN also manages keys, signals and subscriptions. */
export const roles = ["READER", "EDITOR", "ADMIN"] as const;
export type Role = (typeof roles)[number];

/**
 * Who is making a request: the API key's id, name and role, or anonymous (all null).
 * Invariant: `role` is null exactly when `keyId` is null.
 */
export interface Viewer {
  keyId: number | null;
  keyName: string | null;
  role: Role | null;
}

/** A request without a key. */
export const anonymousViewer: Viewer = Object.freeze({ keyId: null, keyName: null, role: null });

/** True when `have` grants everything `need` does (ADMIN ⊇ EDITOR ⊇ READER). */
export function roleAtLeast(have: Role | null, need: Role): boolean {
  return have != null && roles.indexOf(have) >= roles.indexOf(need);
}

/**
 * Throws unless the viewer holds at least `need`: UNAUTHENTICATED without a key, FORBIDDEN with a
 * key whose role is too low.
 */
export function requireRole(viewer: Viewer, need: Role): void {
  if (viewer.role == null) {
    throw new GraphQLError(`This operation needs an API key with role ${need} or higher`, {
      extensions: { code: "UNAUTHENTICATED", requiredRole: need },
    });
  }
  if (!roleAtLeast(viewer.role, need)) {
    throw new GraphQLError(`Your API key has role ${viewer.role}; this operation needs ${need} or higher`, {
      extensions: { code: "FORBIDDEN", requiredRole: need },
    });
  }
}

/** How the audit log names the author of a write: `key:<id>` for an API key, or a tool name (`cli`, `seed`). */
export function actorOf(viewer: Viewer, fallback = "anonymous"): string {
  return viewer.keyId == null ? fallback : `key:${viewer.keyId}`;
}
