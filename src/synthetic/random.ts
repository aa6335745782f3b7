/**
 * A small seeded PRNG (sfc32, seeded through a 32-bit string hash) so the same seed and stream name
 * always give the same sequence. Each table draws from its own named stream, so adding draws to one
 * table never changes another.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: string) {
    const hash = stringHash(`${seed}:${stream}`);
    this.a = hash();
    this.b = hash();
    this.c = hash();
    this.d = hash();
    for (let i = 0; i < 15; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Real in [min, max), rounded to `decimals`. */
  real(min: number, max: number, decimals = 2): number {
    return round(min + this.next() * (max - min), decimals);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights` (cumulative table from `cumulative`). */
  weighted(cumulativeWeights: Float64Array): number {
    const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulativeWeights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulativeWeights[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** `k` distinct items of `items` (fewer when there are fewer). */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return [...items];
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(this.next() * items.length));
    return [...chosen].sort((x, y) => x - y).map((i) => items[i] as T);
  }

  /** Log-uniform in [min, max): many small values, a few large ones. */
  logUniform(min: number, max: number, decimals = 1): number {
    return round(Math.exp(Math.log(min) + this.next() * (Math.log(max) - Math.log(min))), decimals);
  }
}

/** Cumulative weights for `Random.weighted`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

/** Zipf-like weights 1/(rank+1)^s: a few dominant firms and a long tail, as in real markets. */
export function zipfWeights(n: number, s = 1.1): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
}

/** Rounds to `decimals` places; negative `decimals` round to tens, thousands, millions... */
export function round(x: number, decimals: number): number {
  if (decimals < 0) {
    const unit = 10 ** -decimals;
    return Math.round(x / unit) * unit;
  }
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** xmur3: a 32-bit string hash whose successive outputs seed the generator. */
function stringHash(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}
