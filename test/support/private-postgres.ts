import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PostgreSQL 15 cluster of a test's own, on its own port and data directory, that the test may
 * stop and start (never the shared cluster on 5432). Runs as the `postgres` user when the test
 * runs as root (initdb refuses root).
 */
export interface PrivatePostgres {
  url: string;
  port: number;
  start(): void;
  /** `fast` shutdown: connections are terminated, as in a restart. */
  stop(): void;
  destroy(): void;
}

const BIN = "/usr/lib/postgresql/15/bin";

/** Why a private cluster cannot run here, or undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!existsSync(join(BIN, "initdb")) || !existsSync(join(BIN, "pg_ctl"))) {
    return `PostgreSQL 15 binaries not found in ${BIN}`;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(join(tmpdir(), "hyperscope-pg-"));
  chmodSync(root, 0o777);
  const data = join(root, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    execFileSync(
      asRoot ? "runuser" : join(BIN, command),
      asRoot ? ["-u", "postgres", "--", join(BIN, command), ...args] : args,
      {
        stdio: "pipe",
        cwd: root,
      },
    );
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  const start = () =>
    void run("pg_ctl", ["-D", data, "-o", options, "-l", join(root, "log"), "-w", "-t", "30", "start"]);
  const stop = () => void run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
