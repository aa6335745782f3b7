import { z } from "zod";
import { hardeningEnv } from "./limits/settings.ts";

/** Raised when an environment variable is malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const databaseUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), "must be a postgres:// or postgresql:// URL")
  .refine((v) => URL.canParse(v), "is not a valid URL");

const schema = z.object({
  DATABASE_URL: databaseUrl.optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** Digest scheduler in this instance (any number of instances may run one: the database decides). */
  SCHEDULER: z
    .enum(["on", "off"])
    .default("on")
    .transform((v) => v === "on"),
  SCHEDULER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Base URL of this server as subscribers reach it (GraphiQL links in digests, Atom feeds). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** SMTP server for e-mail digests, e.g. smtp://user:pass@mail.example.com:587. */
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/[^\s]+$/.test(v) && URL.canParse(v), "must be an smtp:// or smtps:// URL")
    .optional(),
  SMTP_FROM: z.string().min(3).default("Hyperscope <hyperscope@localhost>"),
  SEED_ON_START: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Whether requests without an API key may read (writes always need a key). */
  ANONYMOUS_READ: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  ...hardeningEnv,
});

export type Config = z.infer<typeof schema>;

/** Reads and validates the configuration once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
