import { type ChildProcess, spawn } from "node:child_process";

/** A server process started as an operator would, with its output captured. */
export interface ServerProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** The pino lines of stdout, parsed. */
  logLines: () => Record<string, unknown>[];
  /** Resolves with the base URL once the server prints its GraphiQL line. */
  ready: (ms: number) => Promise<string>;
}

/** Spawns `command args` in the project directory with a minimal environment plus `env`. */
export function spawnServer(
  command: string,
  args: string[],
  env: Record<string, string>,
  options: { detached?: boolean } = {},
): ServerProcess {
  const child = spawn(command, args, {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const logLines = () =>
    out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const ready = async (ms: number) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const port = out.match(/GraphiQL: http:\/\/localhost:(\d+)\/graphiql/)?.[1];
      if (port) return `http://127.0.0.1:${port}`;
      if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${err}`);
      if (Date.now() > deadline) throw new Error(`server not ready in ${ms} ms: ${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, stdout: () => out, stderr: () => err, exited, logLines, ready };
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
