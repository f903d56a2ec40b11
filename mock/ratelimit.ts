/** Requests per minute the mock reports in `RateLimit-Limit` for the API endpoints. */
export const API_RATE_LIMIT = 100;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until a slot frees up (only when not allowed). */
  retryAfterSeconds: number;
}

/** A sliding-window counter per caller, on the injectable clock. */
export class RateWindow {
  readonly #hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    readonly now: () => Date,
  ) {}

  hit(key: string): RateDecision {
    const now = this.now().getTime();
    const recent = (this.#hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.#hits.set(key, recent);
    const oldest = recent[0];
    if (recent.length >= this.limit && oldest !== undefined) {
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
      return { allowed: false, limit: this.limit, remaining: 0, retryAfterSeconds };
    }
    recent.push(now);
    return { allowed: true, limit: this.limit, remaining: this.limit - recent.length, retryAfterSeconds: 0 };
  }
}
