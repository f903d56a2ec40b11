import { afterAll, afterEach, beforeAll, describe, expect, it, test, vi } from "vitest";
import { backoffDelay, parseRetryAfter, resolveRetry, sleep, type RetryConfig } from "../../templates/retry.js";

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0); // Wed, 15 Jan 2025 12:00:00 GMT

describe("resolveRetry", () => {
  const defaults: RetryConfig = {
    maxRetries: 2,
    baseDelayMs: 500,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 60_000,
    statuses: [429, 500, 502, 503, 504],
  };
  it.each([
    { given: undefined, want: defaults },
    { given: {}, want: defaults },
    { given: false as const, want: { ...defaults, maxRetries: 0 } },
    { given: { maxRetries: 5, statuses: [503] }, want: { ...defaults, maxRetries: 5, statuses: [503] } },
  ])("resolves $given", ({ given, want }) => {
    expect(resolveRetry(given)).toEqual(want);
  });

  it.each([{ maxRetries: -1 }, { maxRetries: 1.5 }, { baseDelayMs: Number.NaN }, { maxDelayMs: Infinity }])(
    "rejects %o",
    (given) => {
      expect(() => resolveRetry(given)).toThrow(RangeError);
    },
  );

  it("copies the statuses", () => {
    const statuses = [503];
    const config = resolveRetry({ statuses });
    statuses.push(500);
    expect(config.statuses).toEqual([503]);
  });
});

describe("parseRetryAfter", () => {
  it.each([
    { given: null, want: undefined },
    { given: "0", want: 0 },
    { given: "120", want: 120_000 },
    { given: " 7 ", want: 7_000 },
    { given: "Wed, 15 Jan 2025 12:00:30 GMT", want: 30_000 },
    { given: "Wed, 15 Jan 2025 11:59:00 GMT", want: 0 },
    { given: "Thu, 16 Jan 2025 12:00:00 GMT", want: 86_400_000 },
    { given: "", want: undefined },
    { given: "-5", want: undefined },
    { given: "1.5", want: undefined },
    { given: "soon", want: undefined },
    { given: "Wed, 31 Feb 2025 12:00:30 GMT", want: undefined },
    { given: "Wed, 00 Jan 2025 12:00:30 GMT", want: undefined },
    { given: "Wed, 15 Foo 2025 12:00:30 GMT", want: undefined },
    { given: "Wed, 15 Jan 2025 25:00:30 GMT", want: undefined },
    { given: "Wed, 15 Jan 2025 12:00:30 UTC", want: undefined },
    { given: "Thu, 15 Jan 2025 12:00:30 GMT", want: undefined }, // 15 Jan 2025 is a Wednesday
    { given: "Invalid Date", want: undefined },
    { given: "2025-01-15T12:00:30Z", want: undefined },
    // The obsolete forms RFC 9110 §5.6.7 says a recipient must accept.
    { given: "Wednesday, 15-Jan-25 12:00:30 GMT", want: 30_000 },
    { given: "Thursday, 16-Jan-25 12:00:00 GMT", want: 86_400_000 },
    { given: "Sunday, 06-Nov-94 08:49:37 GMT", want: 0 }, // 1994, not 2094: more than 50 years ahead
    { given: "Wed Jan 15 12:00:30 2025", want: 30_000 }, // asctime is UTC, whatever the machine's zone
    { given: "Thu Jan 16 12:00:00 2025", want: 86_400_000 },
    { given: "Sat Feb  1 12:00:00 2025", want: 1_468_800_000 },
    { given: "Thursday, 15-Jan-25 12:00:30 GMT", want: 30_000 }, // the obsolete forms' weekday is not checked
    { given: "Wed Jan 15 12:00:30 2025 GMT", want: undefined },
    { given: "Wed Jan  15 12:00:30 2025", want: undefined },
    { given: "Wed, 15-Jan-25 12:00:30 GMT", want: undefined }, // rfc850 spells the day out
    { given: "Funday, 15-Jan-25 12:00:30 GMT", want: undefined },
    { given: "Sat Feb 31 12:00:00 2025", want: undefined }, // rolled over to 3 March
    { given: "Friday, 31-Feb-25 12:00:00 GMT", want: undefined },
    { given: "Wed Jan 15 12:00:30 25", want: undefined },
    { given: "Wed Jan 15 12:00:30 2025 UTC", want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(parseRetryAfter(given, NOW)).toBe(want);
  });
});

describe("parseRetryAfter on a machine whose time zone is not UTC", () => {
  const zone = process.env.TZ;
  // Node applies a new TZ at once; this file's worker is the only one that sees it.
  beforeAll(() => {
    process.env.TZ = "America/New_York";
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  test("an asctime date is UTC, not the machine's local time", () => {
    expect(new Date(2025, 0, 15).getTimezoneOffset()).toBe(300);
    expect(parseRetryAfter("Wed Jan 15 12:00:30 2025", NOW)).toBe(30_000);
  });
});

describe("backoffDelay", () => {
  const config = resolveRetry({ baseDelayMs: 500, maxDelayMs: 3_000, maxRetryAfterMs: 10_000 });
  it.each([
    { attempt: 0, random: 0.5, retryAfter: undefined, want: 250 },
    { attempt: 1, random: 0.5, retryAfter: undefined, want: 500 },
    { attempt: 2, random: 0.5, retryAfter: undefined, want: 1_000 },
    { attempt: 3, random: 0.5, retryAfter: undefined, want: 1_500 }, // capped at maxDelayMs
    { attempt: 1000, random: 0.5, retryAfter: undefined, want: 1_500 }, // 2**1000 overflows to Infinity
    { attempt: 2, random: 0, retryAfter: undefined, want: 0 },
    { attempt: 2, random: 0.999, retryAfter: undefined, want: 1_998 },
    { attempt: 0, random: 0.5, retryAfter: 4_000, want: 4_000 }, // the server's word wins
    { attempt: 0, random: 0.5, retryAfter: 0, want: 0 },
    { attempt: 5, random: 0.5, retryAfter: 120_000, want: 10_000 }, // capped at maxRetryAfterMs
  ])("attempt $attempt, random $random, Retry-After $retryAfter → $want", ({ attempt, random, retryAfter, want }) => {
    expect(backoffDelay(attempt, config, retryAfter, () => random)).toBe(want);
  });

  it("defaults to Math.random within [0, cap)", () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(1, config, undefined);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(1_000);
    }
  });
});

describe("sleep", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("resolves after the delay", async () => {
    vi.useFakeTimers();
    let done = false;
    const slept = sleep(1_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await slept;
    expect(done).toBe(true);
  });

  it("rejects with the reason when aborted, leaving no timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(slept).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once when already aborted", async () => {
    vi.useFakeTimers();
    const signal = AbortSignal.abort("gone");
    await expect(sleep(1_000, signal)).rejects.toBe("gone");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops listening to the signal once it has slept", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const slept = sleep(10, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    await slept;
    expect(remove).toHaveBeenCalledWith("abort", expect.any(Function));
    controller.abort();
  });
});
