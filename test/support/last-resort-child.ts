// A process with the server's last-resort handlers (test/last-resort.test.ts): it rejects a promise
// nobody handles, shows it is still running, then throws an uncaught exception.
import { pino } from "pino";
import { installLastResortHandlers } from "../../src/last-resort.ts";

installLastResortHandlers(pino({ level: "info" }));
void Promise.reject(Object.assign(new Error("cancel request refused"), { code: "ECONNREFUSED" }));
setTimeout(() => {
  process.stdout.write('{"msg":"still serving"}\n');
  setTimeout(() => {
    throw new TypeError("a bug");
  }, 50);
}, 200);
