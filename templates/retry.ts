/**
 * Pure helpers for the request loop's retries: configuration, `Retry-After`, backoff, sleeping.
 * Web-standard globals only.
 */

export interface RetryOptions {
  /** Retries after the first attempt; default 2. */
  maxRetries?: number;
  /** Backoff base; attempt n waits up to `baseDelayMs * 2**n`. Default 500. */
  baseDelayMs?: number;
  /** Ceiling of the exponential backoff; default 30 000. */
  maxDelayMs?: number;
  /** Ceiling of a server's `Retry-After`; default 60 000. */
  maxRetryAfterMs?: number;
  /** Statuses worth retrying; default 429, 500, 502, 503, 504. */
  statuses?: readonly number[];
}

export type RetryConfig = Required<RetryOptions>;

const DEFAULTS: RetryConfig = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  statuses: [429, 500, 502, 503, 504],
};

// A setTimeout longer than this fires at once (Node: TimeoutOverflowWarning).
const MAX_TIMER_MS = 2_147_483_647;

function check(name: keyof RetryOptions, value: number, integer = false): number {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`retry.${name} must be a non-negative ${integer ? "integer" : "number"}`);
  }
  return value;
}

export function resolveRetry(options: RetryOptions | false | undefined): RetryConfig {
  if (options === false) return { ...DEFAULTS, maxRetries: 0 };
  const o = options ?? {};
  return {
    maxRetries: check("maxRetries", o.maxRetries ?? DEFAULTS.maxRetries, true),
    baseDelayMs: check("baseDelayMs", o.baseDelayMs ?? DEFAULTS.baseDelayMs),
    maxDelayMs: check("maxDelayMs", o.maxDelayMs ?? DEFAULTS.maxDelayMs),
    maxRetryAfterMs: check("maxRetryAfterMs", o.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs),
    // Copied so later mutation of the caller's array cannot change the client.
    statuses: [...(o.statuses ?? DEFAULTS.statuses)],
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const IMF_FIXDATE = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds or an IMF-fixdate (a date in the past
 * is 0). Anything else is undefined, so a malformed header falls back to backoff.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const m = IMF_FIXDATE.exec(text);
  if (!m) return undefined;
  const [, day = 0, , year = 0, hour = 0, minute = 0, second = 0] = m.map(Number);
  const month = MONTHS.indexOf(m[2] ?? "");
  const time = Date.UTC(year, month, day, hour, minute, second);
  // Date.UTC rolls 31 Feb (or day 00) into another month; such a date is garbage.
  if (month < 0 || hour > 23 || minute > 59 || second > 60 || new Date(time).getUTCMonth() !== month) {
    return undefined;
  }
  return Math.max(0, time - now);
}

/**
 * Delay before retry number `attempt` (0-based). The server's `Retry-After` wins, capped; otherwise
 * full-jitter exponential backoff, which spreads a burst of clients instead of synchronising them.
 */
export function backoffDelay(
  attempt: number,
  config: RetryConfig,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), config.maxRetryAfterMs);
  return random() * Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** attempt);
}

/** Waits `ms`; rejects with the signal's reason as soon as it aborts, leaving no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(Math.max(0, ms || 0), MAX_TIMER_MS),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function isRetryableStatus(status: number, config: RetryConfig): boolean {
  return config.statuses.includes(status);
}
