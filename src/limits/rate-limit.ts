/**
 * A cost budget per caller (API key, or IP when anonymous): a token bucket holding at most
 * `capacity` cost, refilled continuously at capacity / windowS per second. A request is admitted
 * when the bucket holds its cost, which is then taken; otherwise it is refused with the seconds
 * until it would be admitted. Buckets full again are forgotten (memory stays bounded by active callers).
 */
export class CostRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    readonly windowS: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = capacity / (windowS * 1000);
  }

  /** Takes `cost` from `key`'s bucket: `{ ok: true }`, or `{ ok: false, retryAfterS }` (whole seconds, ≥ 1). */
  take(key: string, cost: number): { ok: true } | { ok: false; retryAfterS: number } {
    const t = this.now();
    this.sweep(t);
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (t - bucket.at) * this.perMs);
    bucket.at = t;
    this.buckets.set(key, bucket);
    const need = Math.min(cost, this.capacity); // a query within MAX_COST is always admissible eventually
    if (bucket.tokens >= need) {
      bucket.tokens -= need;
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((need - bucket.tokens) / this.perMs / 1000)) };
  }

  private lastSweep = 0;
  private sweep(t: number): void {
    if (t - this.lastSweep < this.windowS * 1000) return;
    this.lastSweep = t;
    for (const [key, b] of this.buckets) {
      if (b.tokens + (t - b.at) * this.perMs >= this.capacity) this.buckets.delete(key);
    }
  }
}
