import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration", () => {
  it("defaults to the embedded database on port 4000, production error masking, seeding on start", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATA_DIR: ".data",
      PORT: 4000,
      NODE_ENV: "production",
      SEED_ON_START: true,
      CORS_ORIGINS: [],
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("splits CORS_ORIGINS on commas", () => {
    expect(loadConfig({ CORS_ORIGINS: "https://a.example, https://b.example" }).CORS_ORIGINS).toEqual([
      "https://a.example",
      "https://b.example",
    ]);
  });

  it("ANONYMOUS_READ: true by default, false when set, anything else refused", () => {
    expect(loadConfig({}).ANONYMOUS_READ).toBe(true);
    expect(loadConfig({ ANONYMOUS_READ: "false" }).ANONYMOUS_READ).toBe(false);
    expect(() => loadConfig({ ANONYMOUS_READ: "no" })).toThrow(/ANONYMOUS_READ:/);
  });

  it("refuses a malformed value with a message naming the variable", () => {
    const bad: [string, string][] = [
      ["DATABASE_URL", "mysql://x"],
      ["PORT", "eighty"],
      ["NODE_ENV", "staging"],
    ];
    for (const [name, value] of bad) {
      expect(() => loadConfig({ [name]: value }), name).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: value }), name).toThrow(new RegExp(`${name}:`));
    }
  });
});
