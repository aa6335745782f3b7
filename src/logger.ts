import { type Logger, pino } from "pino";
import type { Config } from "./config.ts";

export type { Logger };

/** The process logger: JSON lines on stdout at LOG_LEVEL. */
export function createLogger(config: Pick<Config, "LOG_LEVEL">): Logger {
  return pino({ name: "hyperscope", level: config.LOG_LEVEL });
}
