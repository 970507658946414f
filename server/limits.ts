/**
 * The small counters behind the server's caps: a token bucket (messages per
 * socket, map creations per client address) and open connections per
 * client address. Memory stays bounded whatever addresses clients use.
 */

/** Events per second with bursts. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }
  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** Gives back part of a token for an event that turned out cheap. */
  refund(amount: number): void {
    this.tokens = Math.min(this.burst, this.tokens + amount);
  }
  /** Seconds until one token is there again (0 if one is). */
  waitSeconds(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.rate);
  }
}

/**
 * One token bucket per key (a client address). Past `maxKeys` the bucket
 * used least recently is forgotten, which only ever hands a fresh budget to
 * someone: never a wrong refusal.
 */
export class KeyedRateLimit {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one from `key`'s budget: 0 if there was one, else the seconds to wait. */
  take(key: string): number {
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = new TokenBucket(this.perSecond, this.burst, this.now);
    this.buckets.set(key, bucket); // last: Map order is the eviction order
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket.take() ? 0 : bucket.waitSeconds();
  }
}

/** How many connections each key (client address) holds open. */
export class ConnectionCounts {
  private readonly counts = new Map<string, number>();
  constructor(private readonly max: number) {}

  /** Counts one more for `key` unless it is at the cap; the release function, or null when refused. */
  open(key: string): (() => void) | null {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.max) return null;
    this.counts.set(key, n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left <= 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
  }

  get size(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }
}
