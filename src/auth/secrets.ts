import { createHash, randomBytes } from "node:crypto";

/** Every secret starts with this prefix, so a leaked key is recognisable (and greppable) as ours. */
export const SECRET_PREFIX = "hsk_";

/** A new random API key secret: the prefix and 32 random bytes (base64url). */
export const newSecret = (): string => SECRET_PREFIX + randomBytes(32).toString("base64url");

/** The stored form of a secret: SHA-256, lower-case hex (api_keys.key_hash). */
export const hashSecret = (secret: string): string =>
  createHash("sha256").update(secret, "utf8").digest("hex");
