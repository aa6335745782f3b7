import { type ChildProcess, spawn } from "node:child_process";

/** A server process started as an operator would, with its output captured. */
export interface ServerProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** How it ended (exit code or signal), or undefined while it runs. */
  ending: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** What a failing test prints about the process: how it ended and the tails of stderr and stdout. */
  describe: (lines?: number) => string;
  /** The pino lines of stdout, parsed. */
  logLines: () => Record<string, unknown>[];
  /** Resolves with the base URL once the server prints its GraphiQL line. */
  ready: (ms: number) => Promise<string>;
  /** Resolves with the first pino line whose msg is `msg`, waiting up to `ms`. */
  logged: (msg: string, ms: number) => Promise<Record<string, unknown>>;
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
  let ended: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code, signal) => {
      ended = { code, signal };
      resolve(code);
    }),
  );
  const tail = (text: string, n: number) =>
    text
      .split("\n")
      .slice(-n - 1)
      .join("\n");
  const describe = (lines = 20) =>
    `${ended ? `exited (code ${ended.code}, signal ${ended.signal})` : "running"}\n` +
    `--- stderr (last ${lines} lines)\n${tail(err, lines)}\n--- stdout (last ${lines} lines)\n${tail(out, lines)}`;
  // Only complete lines: the last one may still be arriving.
  const logLines = () =>
    out
      .split("\n")
      .slice(0, -1)
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
  // pino's lines and the plain GraphiQL line are written separately: a log line may come later.
  const logged = async (msg: string, ms: number) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const line = logLines().find((l) => l.msg === msg);
      if (line) return line;
      if (Date.now() > deadline) throw new Error(`no "${msg}" log line in ${ms} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    ending: () => ended,
    describe,
    logLines,
    ready,
    logged,
  };
}

/** True while a process with this pid exists. */
/** The server from its source (`node --import tsx src/main.ts`; `npm start` runs the same built into dist/), with `env`. */
export function spawnMain(env: Record<string, string>): ServerProcess {
  return spawnServer(process.execPath, ["--import", "tsx", "src/main.ts"], env);
}

/** A quiet server on a free port over PostgreSQL at `url`, failing fast when it cannot connect (fault tests). */
export const onPostgres = (url: string): Record<string, string> => ({
  PORT: "0",
  HOST: "127.0.0.1",
  LOG_LEVEL: "warn",
  DATABASE_URL: url,
  DB_CONNECT_TIMEOUT_S: "2",
});

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
