import { describe, expect, it } from "vitest";
import { spawnServer } from "./http/process.ts";

// The process-wide policy of src/last-resort.ts, in a real process: an unhandled rejection is
// logged and the process goes on; an uncaught exception is logged and the process exits 1.
describe("last-resort handlers", () => {
  it("log an unhandled rejection and keep running; log an uncaught exception and exit 1", async () => {
    const child = spawnServer(process.execPath, ["--import", "tsx", "test/support/last-resort-child.ts"], {});
    expect(await child.exited, child.describe()).toBe(1);
    const lines = child.logLines();
    const msgs = lines.map((l) => l.msg);
    expect(msgs).toEqual([
      "unhandled promise rejection (logged, not fatal)",
      "still serving",
      "uncaught exception: exiting",
    ]);
    expect(lines[0]?.error).toMatchObject({ code: "ECONNREFUSED", message: "cancel request refused" });
    expect(lines[2]).toMatchObject({ level: 60, error: { type: "TypeError", message: "a bug" } });
  }, 60_000);
});
