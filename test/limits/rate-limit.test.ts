import { describe, expect, it } from "vitest";
import { CostRateLimiter } from "../../src/limits/rate-limit.ts";

describe("cost rate limiter (token bucket per caller)", () => {
  it("admits up to the budget, refuses with the seconds until refilled, refills over the window", () => {
    let now = 0;
    const limiter = new CostRateLimiter(1_000, 100, () => now); // 10 cost per second
    expect(limiter.take("ip:a", 600)).toEqual({ ok: true });
    expect(limiter.take("ip:a", 600)).toEqual({ ok: false, retryAfterS: 20 }); // 200 missing at 10/s
    expect(limiter.take("ip:b", 600)).toEqual({ ok: true }); // callers are separate
    now += 20_000;
    expect(limiter.take("ip:a", 600)).toEqual({ ok: true });
  });

  it("always admits a query costing more than the whole budget once the bucket is full", () => {
    let now = 0;
    const limiter = new CostRateLimiter(100, 10, () => now);
    expect(limiter.take("key:1", 5_000)).toEqual({ ok: true });
    expect(limiter.take("key:1", 5_000).ok).toBe(false);
    now += 10_000;
    expect(limiter.take("key:1", 5_000).ok).toBe(true);
  });
});
