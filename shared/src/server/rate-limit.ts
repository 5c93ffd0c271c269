/**
 * Token-bucket rate limiting per key (an account, or an IP address for
 * anonymous requests such as `login`). In memory, per process: with N
 * gateway workers the effective limit is N times the configured one (see
 * README); a shared store is the step after that.
 */
export interface RateDecision {
  ok: boolean;
  /** Seconds until one request is allowed again (when !ok). */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    /** Sustained requests per minute. */
    readonly perMinute: number,
    /** Requests allowed in a burst. */
    readonly burst: number = perMinute,
    private readonly maxKeys = 100_000,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string, now = Date.now()): RateDecision {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, retryAfterSeconds: 0 };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.perMs / 1000)) };
  }

  /** Drops buckets that have refilled completely (they behave like new ones). */
  private prune(now: number) {
    for (const [k, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.burst) this.buckets.delete(k);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
