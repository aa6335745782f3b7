import { parseArgs } from "node:util";
import { createKey, listAllApiKeys, revokeKey } from "../auth/manage.ts";
import { roles } from "../auth/viewer.ts";
import type { Config } from "../config.ts";
import type { DatabaseHandle } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { WriteRefused } from "../writes/user-errors.ts";

/** What `hyperscope keys` needs from the CLI runner. */
export interface KeysCliDeps {
  out: (text: string) => void;
  config: () => Config;
  open: (config: Config) => Promise<DatabaseHandle>;
  usageError: (message: string) => Error;
}

/**
 * `hyperscope keys create --role ROLE --name NAME` (prints the secret once), `keys list`,
 * `keys revoke ID`. Writes are audited with actor `cli`.
 */
export async function runKeys(argv: string[], deps: KeysCliDeps): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: "string" }, name: { type: "string" }, json: { type: "boolean" } },
  });
  const [sub, ...rest] = positionals;
  if (sub === "create") {
    if (rest.length > 0) throw deps.usageError(`unexpected argument "${rest[0]}"`);
    if (!values.role || !(roles as readonly string[]).includes(values.role)) {
      throw deps.usageError(`keys create needs --role ${roles.join("|")}`);
    }
    if (!values.name?.trim()) throw deps.usageError("keys create needs --name NAME");
  } else if (sub === "revoke") {
    if (rest.length !== 1 || !/^\d+$/.test(rest[0] as string))
      throw deps.usageError("keys revoke needs a key id");
  } else if (sub === "list") {
    if (rest.length > 0) throw deps.usageError(`unexpected argument "${rest[0]}"`);
  } else {
    throw deps.usageError(`keys needs create, list or revoke${sub ? `, not "${sub}"` : ""}`);
  }
  const handle = await deps.open(deps.config());
  try {
    await migrate(handle);
    if (sub === "create") {
      const { key, secret } = await createKey(
        handle.db,
        { name: values.name as string, role: values.role as string },
        "cli",
      );
      deps.out(
        values.json
          ? `${JSON.stringify({ id: key.id, name: key.name, role: key.role, secret })}\n`
          : `created API key ${key.id} "${key.name}" (${key.role}). The secret is shown once; store it now:\n${secret}\n`,
      );
    } else if (sub === "revoke") {
      const key = await revokeKey(handle.db, Number(rest[0]), "cli");
      deps.out(`revoked API key ${key.id} "${key.name}" at ${key.revokedAt?.toISOString()}\n`);
    } else {
      const keys = await listAllApiKeys(handle.db);
      if (values.json) deps.out(`${JSON.stringify(keys)}\n`);
      else {
        deps.out("id\trole\tname\tcreated\tlast used\trevoked\n");
        for (const k of keys) {
          const at = (d: Date | null) => (d ? d.toISOString() : "-");
          deps.out(
            `${k.id}\t${k.role}\t${k.name}\t${at(k.createdAt)}\t${at(k.lastUsedAt)}\t${at(k.revokedAt)}\n`,
          );
        }
      }
    }
  } catch (error) {
    if (error instanceof WriteRefused) throw new Error(error.message);
    throw error;
  } finally {
    await handle.close();
  }
}
