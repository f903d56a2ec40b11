/**
 * Pure helpers for the request loop's retries: configuration, `Retry-After`, backoff, waiting on
 * an abort signal. Web-standard globals only.
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

/** A per-attempt timeout: a positive number of milliseconds (`Infinity`: none). */
export const isTimeout = (ms: unknown): ms is number => typeof ms === "number" && ms > 0;

/** setTimeout for `ms`, which may exceed what a timer can hold; none for `Infinity`. */
export const startTimer = (run: () => void, ms: number): ReturnType<typeof setTimeout> | undefined =>
  ms === Number.POSITIVE_INFINITY ? undefined : setTimeout(run, Math.min(ms, MAX_TIMER_MS));

export function resolveRetry(options: RetryOptions | false | undefined): RetryConfig {
  if (options === false) return { ...DEFAULTS, maxRetries: 0 };
  // Copied so later mutation of the caller's array cannot change the client.
  const config = { ...DEFAULTS, statuses: [...(options?.statuses ?? DEFAULTS.statuses)] };
  for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    const value = options?.[key] ?? DEFAULTS[key];
    const integer = key === "maxRetries";
    if (!(Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value)))) {
      throw new RangeError(`retry.${key} must be a non-negative ${integer ? "integer" : "number"}`);
    }
    config[key] = value;
  }
  return config;
}

/**
 * `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP-date (a date in the past is
 * 0). Anything else is undefined, so a malformed header falls back to backoff.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // The obsolete forms, which RFC 9110 §5.6.7 says a recipient must accept: asctime-date
  // (`Sun Nov  6 08:49:37 1994`, UTC though it does not say so) and rfc850-date
  // (`Sunday, 06-Nov-94 08:49:37 GMT`; V8 reads 50–99 as 19xx, which only matters decades ahead).
  const asctime = /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d [\d:]{8} \d{4}$/.test(text);
  const time = Date.parse(asctime ? `${text} GMT` : text);
  const obsolete = asctime || /^(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d\d-[A-Z][a-z]{2}-\d\d [\d:]{8} GMT$/.test(text);
  // An IMF-fixdate is exactly what toUTCString writes: this refuses other formats and dates
  // Date.parse rolls over (31 Feb), whatever the engine's parser accepts. For the obsolete forms,
  // the day of the month must be the one written.
  const valid = obsolete ? new Date(time).getUTCDate() === Number(/\d+/.exec(text)![0]) : new Date(time).toUTCString() === text;
  return time >= 0 && valid ? Math.max(0, time - now) : undefined;
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
  return retryAfterMs === undefined
    ? random() * Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** attempt)
    : Math.min(retryAfterMs, config.maxRetryAfterMs);
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts; stops listening either way. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort);
  });
  return Promise.race([promise, aborted]).finally(() => signal?.removeEventListener("abort", onAbort));
}

/** Waits `ms`; rejects with the signal's reason as soon as it aborts, leaving no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slept = new Promise<void>((resolve) => (timer = startTimer(resolve, ms)));
  return untilAborted(slept, signal).finally(() => clearTimeout(timer));
}
