/**
 * The request loop with a stub `fetch` (the e2e tests use a real server): retries and their
 * timing under fake timers, re-authentication, deprecation signals, Accept and User-Agent.
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { AuthStrategy } from "../../templates/auth/strategy.js";
import { createClient, type ClientOptions, type DeprecationInfo } from "../../templates/client.js";
import type { OperationSpec } from "../../templates/operation.js";
import { acceptHeader, parseRateLimit, send } from "../../templates/request.js";
import { version } from "../../templates/version.js";

const spec: OperationSpec = {
  id: "deleteThing",
  method: "DELETE",
  path: "/things/{id}",
  accept: "application/vnd.atlas.2023-01-01+json",
  params: { id: { in: "path", required: true, type: "string" } },
  success: { 204: "none" },
  errors: { 404: (b) => typeof b === "object" && b !== null && "errorCode" in b, 429: null, 500: null },
  idempotent: true,
  deprecated: { sunset: "2027-07-01", replacement: "deleteThingV2" },
};

type Reply = Response | Error;
function stubFetch(...replies: Reply[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const reply = replies.shift() ?? new Response(null, { status: 204 });
    if (reply instanceof Error) throw reply;
    return reply;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const status = (code: number, headers: Record<string, string> = {}, body: string | null = null) => new Response(body, { status: code, headers });
const client = (fetch: typeof globalThis.fetch, options: ClientOptions = {}) =>
  createClient({ baseUrl: "https://atlas.test", fetch, onDeprecation: false, ...options });

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("retries", () => {
  test("429 with Retry-After seconds: waits exactly that long, then succeeds", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(status(429, { "Retry-After": "2" }));
    const pending = send(client(fetch), spec, { id: "a" });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ ok: true, status: 204 });
    expect(calls).toHaveLength(2);
  });

  test("Retry-After as an HTTP date", async () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-22T10:00:00Z"));
    const { fetch, calls } = stubFetch(status(503, { "Retry-After": "Sun, 22 Nov 2026 10:00:05 GMT" }));
    const pending = send(client(fetch, { retry: { statuses: [503] } }), spec, { id: "a" });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ ok: true });
  });

  test("500 then 500 then 204: exponential backoff with full jitter", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { fetch, calls } = stubFetch(status(500), status(500));
    const pending = send(client(fetch), spec, { id: "a" });
    await vi.advanceTimersByTimeAsync(249); // 0.5 × 500 ms
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(499); // 0.5 × 1000 ms
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toMatchObject({ ok: true });
    expect(calls).toHaveLength(3);
  });

  test("gives up after maxRetries and returns the last response as a typed error", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(status(500), status(500), status(500), status(500));
    const pending = send(client(fetch, { retry: { maxRetries: 2 } }), spec, { id: "a" });
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { kind: "http", status: 500 } });
    expect(calls).toHaveLength(3);
  });

  test("connection errors are retried; retry: false sends once", async () => {
    vi.useFakeTimers();
    const retried = stubFetch(new TypeError("fetch failed"));
    const pending = send(client(retried.fetch), spec, { id: "a" });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(pending).resolves.toMatchObject({ ok: true });
    expect(retried.calls).toHaveLength(2);

    const once = stubFetch(new TypeError("fetch failed"));
    await expect(send(client(once.fetch, { retry: false }), spec, { id: "a" })).resolves.toMatchObject({ ok: false, error: { kind: "network" } });
    expect(once.calls).toHaveLength(1);
  });

  test("a timed-out attempt is retried like a lost connection; all attempts timed out: kind timeout", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    let calls = 0;
    const slowOnce = (async () => (++calls === 1 ? new Promise<Response>(() => {}) : new Response(null, { status: 204 }))) as unknown as typeof fetch;
    const pending = send(client(slowOnce), spec, { id: "a" }, { timeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000 + 250);
    await expect(pending).resolves.toMatchObject({ ok: true, status: 204 });
    expect(calls).toBe(2);

    let hung = 0;
    const never = (() => (hung++, new Promise<Response>(() => {}))) as unknown as typeof fetch;
    const timedOut = send(client(never), spec, { id: "a" }, { timeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(3 * 1_000 + 250 + 500);
    await expect(timedOut).resolves.toEqual({ ok: false, error: { kind: "timeout", timeoutMs: 1_000 } });
    expect(hung).toBe(3);

    // Not for an operation that is not idempotent: the server may have acted on it.
    hung = 0;
    const post: OperationSpec = { ...spec, method: "POST", idempotent: false };
    const once = send(client(never), post, { id: "a" }, { timeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(once).resolves.toEqual({ ok: false, error: { kind: "timeout", timeoutMs: 1_000 } });
    expect(hung).toBe(1);
  });

  test("non-idempotent operations are never retried", async () => {
    const { fetch, calls } = stubFetch(status(503));
    const post: OperationSpec = { ...spec, method: "POST", idempotent: false, errors: { 503: null } };
    await expect(send(client(fetch), post, { id: "a" })).resolves.toMatchObject({ ok: false, error: { kind: "http", status: 503 } });
    expect(calls).toHaveLength(1);
  });

  test("aborting during a backoff wait ends the call at once", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(status(429, { "Retry-After": "30" }));
    const controller = new AbortController();
    const pending = send(client(fetch), spec, { id: "a" }, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort(new Error("stop"));
    await expect(pending).resolves.toMatchObject({ ok: false, error: { kind: "aborted" } });
    expect(calls).toHaveLength(1);
  });
});

describe("authentication", () => {
  function strategy(overrides: Partial<AuthStrategy> = {}): AuthStrategy {
    return { authorize: async () => ({ Authorization: "Scheme x" }), onUnauthorized: async () => true, ...overrides };
  }
  const withAuth = (fetch: typeof globalThis.fetch, auth: AuthStrategy) => ({ ...client(fetch), auth });

  test("401 → onUnauthorized → re-sent once (default), then the 401 is returned", async () => {
    const { fetch, calls } = stubFetch(status(401), status(401), status(401));
    await expect(send(withAuth(fetch, strategy()), spec, { id: "a" })).resolves.toMatchObject({ ok: false, error: { kind: "unexpected", status: 401 } });
    expect(calls).toHaveLength(2);
  });

  test("maxReauth 2 (digest: challenge, then stale nonce)", async () => {
    const { fetch, calls } = stubFetch(status(401), status(401));
    await expect(send(withAuth(fetch, strategy({ maxReauth: 2 })), spec, { id: "a" })).resolves.toMatchObject({ ok: true });
    expect(calls).toHaveLength(3);
  });

  test("a failure the scheme returns is the result and nothing is sent", async () => {
    const { fetch, calls } = stubFetch();
    const failing = strategy({ authorize: async () => ({ kind: "auth", message: "token endpoint answered 503", status: 503 }) });
    await expect(send(withAuth(fetch, failing), spec, { id: "a" })).resolves.toEqual({
      ok: false,
      error: { kind: "auth", message: "token endpoint answered 503", status: 503 },
    });
    expect(calls).toHaveLength(0);
  });

  test("an error the scheme throws is reported without its message (it may hold a secret)", async () => {
    const { fetch } = stubFetch();
    const leaky = strategy({ authorize: async () => Promise.reject(new Error("secret s3cr3t")) });
    const result = await send(withAuth(fetch, leaky), spec, { id: "a" });
    expect(JSON.stringify(result)).not.toContain("s3cr3t");
    expect(result).toMatchObject({ ok: false, error: { kind: "auth", message: "authentication failed" } });
  });
});

describe("deprecation signals", () => {
  test("reported once per operation per client", async () => {
    const seen: unknown[] = [];
    const { fetch } = stubFetch(status(204), status(204, { Deprecation: "@1688169599", Sunset: "Thu, 01 Jul 2027 00:00:00 GMT" }));
    const c = client(fetch, { onDeprecation: (info) => seen.push(info) });
    for (let i = 0; i < 3; i++) await send(c, spec, { id: "a" });
    expect(seen).toEqual([{ operationId: "deleteThing", sunset: "2027-07-01", replacement: "deleteThingV2", source: "spec" }]);
  });

  test("RFC 9745 Deprecation / RFC 8594 Sunset headers report an operation the spec does not mark", async () => {
    const seen: unknown[] = [];
    const { fetch } = stubFetch(
      status(204),
      status(204, { Deprecation: "@1688169599", Sunset: "Thu, 01 Jul 2027 00:00:00 GMT" }),
      status(204, { Deprecation: "@1688169599" }),
    );
    const c = client(fetch, { onDeprecation: (info) => seen.push(info) });
    const current: OperationSpec = { ...spec };
    delete current.deprecated;
    for (let i = 0; i < 3; i++) await send(c, current, { id: "a" });
    expect(seen).toEqual([{ operationId: "deleteThing", sunset: "2027-07-01", deprecatedOn: "2023-06-30", source: "response" }]);
  });

  test("a Deprecation date ahead (RFC 9745) is reported as such: the default warning says it will be deprecated", async () => {
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const current: OperationSpec = { ...spec };
    delete current.deprecated;
    const { fetch } = stubFetch(status(204, { Deprecation: "@4102444800" }), status(204, { Deprecation: "@1688169599" }));
    await send(createClient({ baseUrl: "https://atlas.test", fetch }), current, { id: "a" });
    await send(createClient({ baseUrl: "https://atlas.test", fetch }), current, { id: "a" });
    expect(emit.mock.calls.map((c) => c[0])).toEqual(["deleteThing will be deprecated on 2100-01-01", "deleteThing is deprecated"]);
    emit.mockRestore();
  });

  test.each([
    ["@0", "1970-01-01"],
    ["@253402300799", "9999-12-31"],
    // toISOString would write +010000-01-01 and -000001-01-01: no YYYY-MM-DD.
    ["@253402300800", undefined],
    ["@-62198755200", undefined],
    ["?1", undefined],
  ])("Deprecation: %s → deprecatedOn %s", async (header, want) => {
    const seen: DeprecationInfo[] = [];
    const current: OperationSpec = { ...spec };
    delete current.deprecated;
    const { fetch } = stubFetch(status(204, { Deprecation: header }));
    await send(client(fetch, { onDeprecation: (info) => seen.push(info) }), current, { id: "a" });
    expect(seen).toEqual([{ operationId: "deleteThing", deprecatedOn: want, source: "response" }]);
  });

  test("default: process.emitWarning with a DeprecationWarning", async () => {
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const { fetch } = stubFetch();
    const c = createClient({ baseUrl: "https://atlas.test", fetch });
    await send(c, spec, { id: "a" });
    await send(c, spec, { id: "b" });
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]?.[0]).toBe("deleteThing is deprecated and will be removed on 2027-07-01; use deleteThingV2");
    expect(emit.mock.calls[0]?.[1]).toMatchObject({ type: "DeprecationWarning" });
  });

  describe("a resource version with its own sunset", () => {
    const versioned: OperationSpec = {
      ...spec,
      id: "getThing",
      accept: "application/vnd.atlas.2024-05-30+json",
      versions: ["2024-05-30", "2023-01-01", "preview"],
      sunsets: { "2023-01-01": "2025-01-01", preview: "2026-09-14" },
      deprecated: undefined,
    };
    const reports = async (calls: [ClientOptions, string | undefined][]) => {
      const seen: unknown[] = [];
      const { fetch } = stubFetch();
      for (const [options, version] of calls) {
        const c = client(fetch, { onDeprecation: (info) => seen.push(info), ...options });
        await send(c, versioned, { id: "a" }, { version });
      }
      return seen;
    };

    test("reported when a call chooses it, once per version per client; the default reports nothing", async () => {
      const seen: unknown[] = [];
      const { fetch } = stubFetch();
      const c = client(fetch, { onDeprecation: (info) => seen.push(info) });
      for (const version of [undefined, "2023-01-01", "2023-01-01", "preview", "2024-05-30"]) await send(c, versioned, { id: "a" }, { version });
      expect(seen).toEqual([
        { operationId: "getThing", version: "2023-01-01", sunset: "2025-01-01", source: "spec" },
        { operationId: "getThing", version: "preview", sunset: "2026-09-14", source: "spec" },
      ]);
    });

    test("with the client's apiVersion: the version Atlas resolves the date to", async () => {
      expect(await reports([[{ apiVersion: "2024-05-29" }, undefined]])).toEqual([{ operationId: "getThing", version: "2023-01-01", sunset: "2025-01-01", source: "spec" }]);
      expect(await reports([[{ apiVersion: "2024-05-30" }, undefined]])).toEqual([]);
      // Before every version (Atlas answers 406): nothing to report.
      expect(await reports([[{ apiVersion: "2022-01-01" }, undefined]])).toEqual([]);
      // A version named in the call wins over the client's date.
      expect(await reports([[{ apiVersion: "2024-10-23" }, "2023-01-01"]])).toHaveLength(1);
    });

    test("a deprecated operation reports its own replacement with the version's sunset", async () => {
      const seen: unknown[] = [];
      const { fetch } = stubFetch();
      const c = client(fetch, { onDeprecation: (info) => seen.push(info) });
      const both = { ...versioned, deprecated: { sunset: "2027-07-01", replacement: "getThingV2" } };
      await send(c, both, { id: "a" });
      await send(c, both, { id: "a" }, { version: "2023-01-01" });
      expect(seen).toEqual([
        { operationId: "getThing", sunset: "2027-07-01", replacement: "getThingV2", source: "spec" },
        { operationId: "getThing", sunset: "2025-01-01", replacement: "getThingV2", version: "2023-01-01", source: "spec" },
      ]);
    });

    test("a server's Deprecation/Sunset headers for that version add no second report", async () => {
      const seen: unknown[] = [];
      const headers = { Deprecation: "@1688169599", Sunset: "Wed, 01 Jan 2025 00:00:00 GMT" };
      const { fetch } = stubFetch(status(204, headers), status(204, headers), status(204, headers));
      const c = client(fetch, { onDeprecation: (info) => seen.push(info) });
      await send(c, versioned, { id: "a" }, { version: "2023-01-01" });
      await send(c, versioned, { id: "a" }, { version: "2023-01-01" });
      expect(seen).toEqual([{ operationId: "getThing", version: "2023-01-01", sunset: "2025-01-01", source: "spec" }]);
      // The default version's headers are news: the operation itself is being retired.
      await send(c, versioned, { id: "a" });
      expect(seen.slice(1)).toEqual([{ operationId: "getThing", sunset: "2025-01-01", deprecatedOn: "2023-06-30", source: "response" }]);
    });

    test("the default warning names the version", async () => {
      const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
      const { fetch } = stubFetch();
      await send(createClient({ baseUrl: "https://atlas.test", fetch }), versioned, { id: "a" }, { version: "2023-01-01" });
      expect(emit.mock.calls.map((c) => c[0])).toEqual(["getThing (resource version 2023-01-01) is deprecated and will be removed on 2025-01-01"]);
    });
  });

  test("onDeprecation: false silences it", async () => {
    const emit = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    const { fetch } = stubFetch();
    await send(client(fetch, { onDeprecation: false }), spec, { id: "a" });
    expect(emit).not.toHaveBeenCalled();
  });
});

describe("headers", () => {
  test("Accept from the operation, or the client's apiVersion; User-Agent atlasgen/<version>", async () => {
    const { fetch, calls } = stubFetch(status(204), status(204));
    await send(client(fetch), spec, { id: "a" });
    await send(client(fetch, { apiVersion: "2024-10-23", userAgent: "my-app/1.0" }), spec, { id: "a" });
    const headers = calls.map((c) => c.init.headers as Record<string, string>);
    expect(headers[0]).toMatchObject({ Accept: "application/vnd.atlas.2023-01-01+json", "User-Agent": `atlasgen/${version}` });
    expect(headers[1]).toMatchObject({ Accept: "application/vnd.atlas.2024-10-23+json", "User-Agent": "my-app/1.0" });
  });

  test("a body's Content-Type names the version the client's apiVersion resolves to, as Accept does; a per-call version wins", async () => {
    const post: OperationSpec = {
      ...spec,
      method: "POST",
      accept: "application/vnd.atlas.2024-05-30+json",
      contentType: "application/vnd.atlas.2024-05-30+json",
      versions: ["2024-05-30", "2023-01-01"],
      params: { body: { in: "body", required: true, type: "json" } },
    };
    const { fetch, calls } = stubFetch(status(204), status(204), status(204), status(204));
    await send(client(fetch, { apiVersion: "2024-01-15" }), post, { body: {} });
    await send(client(fetch, { apiVersion: "2024-06-01" }), post, { body: {} });
    await send(client(fetch, { apiVersion: "2024-01-15" }), post, { body: {} }, { version: "2024-05-30" });
    // Before every version the spec knows (a spec may leave out older ones the server still has):
    // both name the date, for the server to resolve alike.
    await send(client(fetch, { apiVersion: "2022-06-01" }), post, { body: {} });
    const sent = (name: string) => calls.map((c) => (c.init.headers as Record<string, string>)[name]);
    expect(sent("Content-Type")).toEqual([
      "application/vnd.atlas.2023-01-01+json",
      "application/vnd.atlas.2024-05-30+json",
      "application/vnd.atlas.2024-05-30+json",
      "application/vnd.atlas.2022-06-01+json",
    ]);
    expect(sent("Accept")[3]).toBe("application/vnd.atlas.2022-06-01+json");
  });

  test.each(["2024-1-01", "2024-13-01", "20241023", "latest", "2024-10-23+json"])("apiVersion %j is rejected", (apiVersion) => {
    expect(() => createClient({ apiVersion })).toThrow("apiVersion must be a date in the form YYYY-MM-DD");
  });

  test.each([
    ["application/vnd.atlas.2023-01-01+json", undefined, "application/vnd.atlas.2023-01-01+json"],
    ["application/vnd.atlas.2023-01-01+json", "2025-03-12", "application/vnd.atlas.2025-03-12+json"],
    ["application/json", "2025-03-12", "application/json"],
  ])("acceptHeader(%s, %s)", (accept, apiVersion, want) => expect(acceptHeader(accept, apiVersion)).toBe(want));

  test.each([
    [{ "RateLimit-Limit": "100", "RateLimit-Remaining": "99" }, { limit: 100, remaining: 99 }],
    [{ "RateLimit-Limit": "x" }, {}],
    [{}, {}],
    // Garbage is no number: not a sign, not a prefix.
    [{ "RateLimit-Limit": "-7", "RateLimit-Remaining": "12abc" }, {}],
    // Early drafts list the policies after the limit.
    [{ "RateLimit-Limit": "10, 10;w=1, 50;w=60", "RateLimit-Remaining": "9" }, { limit: 10, remaining: 9 }],
  ])("parseRateLimit(%j)", (headers, want) => expect(parseRateLimit(new Headers(headers))).toEqual(want));

  test("templates/version.ts matches package.json", () => {
    expect(version).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });
});

describe("never throws", () => {
  test("a JSON body JSON.stringify cannot serialize is a validation issue, listed with the others; nothing deprecated is reported", async () => {
    const { fetch, calls } = stubFetch();
    const onDeprecation = vi.fn();
    const post: OperationSpec = { ...spec, method: "POST", idempotent: false, params: { ...spec.params, body: { in: "body", required: true, type: "json" } } };
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const message = "must be JSON-serializable (no BigInt, function or cycle), got an object";
    for (const body of [{ n: 1n }, circular, { deep: [{ n: 1n }] }]) {
      await expect(send(client(fetch, { onDeprecation }), post, { id: "..", body })).resolves.toEqual({
        ok: false,
        error: { kind: "validation", issues: [{ param: "id", message: "must not be a dot segment" }, { param: "body", message }] },
      });
    }
    expect(calls).toHaveLength(0);
    expect(onDeprecation).not.toHaveBeenCalled();
  });

  test("a JSON body is serialized once: what validation checked is what is sent, and its toJSON runs once", async () => {
    const { fetch, calls } = stubFetch();
    const post: OperationSpec = { ...spec, method: "POST", idempotent: false, params: { ...spec.params, requestBody: { in: "body", required: true, type: "json" } } };
    let serialized = 0;
    // Fails if asked a second time: the call must not serialize it again.
    const fickle = { toJSON: () => (serialized++ === 0 ? { n: 1 } : 1n) };
    await expect(send(client(fetch), post, { id: "a", requestBody: fickle })).resolves.toMatchObject({ ok: true });
    expect(serialized).toBe(1);
    expect(calls[0]?.init.body).toBe('{"n":1}');
    // A second call of the same object is validated (and serialized) afresh.
    await expect(send(client(fetch), post, { id: "a", requestBody: fickle })).resolves.toMatchObject({ ok: false, error: { kind: "validation" } });
  });

  test("params are read once: a getter asked twice cannot send what validation never saw, nor make send reject", async () => {
    const { fetch, calls } = stubFetch();
    const post: OperationSpec = { ...spec, method: "POST", idempotent: false, params: { ...spec.params, requestBody: { in: "body", required: true, type: "json" } } };
    let reads = 0;
    const params = {
      id: "a",
      get requestBody() {
        return reads++ === 0 ? { a: 1 } : { a: 1n };
      },
    };
    await expect(send(client(fetch), post, params)).resolves.toMatchObject({ ok: true });
    expect(reads).toBe(1);
    expect(calls[0]?.init.body).toBe('{"a":1}');
    // An own property that is not enumerable is not copied, so it is missing, not sent as null.
    const hidden = Object.defineProperty({ id: "a" }, "requestBody", { value: { a: 1 }, enumerable: false });
    await expect(send(client(fetch), post, hidden)).resolves.toMatchObject({ ok: false, error: { kind: "validation", issues: [{ param: "requestBody", message: "is required" }] } });
  });

  test("a fetch that ignores its signal is still bounded by the timeout and by the caller's abort", async () => {
    const deaf = (async () => new Promise<Response>(() => {})) as unknown as typeof globalThis.fetch;
    await expect(send(client(deaf, { retry: false }), spec, { id: "a" }, { timeoutMs: 20 })).resolves.toEqual({
      ok: false,
      error: { kind: "timeout", timeoutMs: 20 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(send(client(deaf, { retry: false }), spec, { id: "a" }, { signal: controller.signal })).resolves.toMatchObject({
      ok: false,
      error: { kind: "aborted" },
    });
    // The body too: headers arrive, the body never does.
    const stalled = (async () => new Response(new ReadableStream({ start() {} }), { status: 200 })) as unknown as typeof globalThis.fetch;
    await expect(send(client(stalled, { retry: false }), spec, { id: "a" }, { timeoutMs: 20 })).resolves.toMatchObject({
      ok: false,
      error: { kind: "timeout" },
    });
  });

  test("timeoutMs Infinity starts no timer", async () => {
    vi.useFakeTimers();
    const deaf = (async () => new Promise<Response>(() => {})) as unknown as typeof globalThis.fetch;
    const controller = new AbortController();
    const pending = send(client(deaf, { retry: false, timeoutMs: Number.POSITIVE_INFINITY }), spec, { id: "a" }, { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    controller.abort(new Error("stop"));
    await expect(pending).resolves.toMatchObject({ ok: false, error: { kind: "aborted" } });
  });

  test("a fetch that aborts the call and throws at once: an aborted result, no unhandled rejection", async () => {
    const controller = new AbortController();
    const rude = (() => {
      controller.abort(new Error("stop"));
      throw new TypeError("refused");
    }) as unknown as typeof globalThis.fetch;
    await expect(send(client(rude, { retry: false }), spec, { id: "a" }, { signal: controller.signal })).resolves.toMatchObject({ ok: false, error: { kind: "aborted" } });
    // Unhandled rejections surface on the next turns of the event loop; vitest fails the run on one.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  test("fetch is called as a plain function (a browser's fetch refuses any other `this`)", async () => {
    const fetch = async function (this: unknown) {
      if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
      return new Response(null, { status: 204 });
    } as unknown as typeof globalThis.fetch;
    await expect(send(client(fetch, { retry: false }), spec, { id: "a" })).resolves.toMatchObject({ ok: true, status: 204 });
  });

  test.each([["NaN", Number.NaN], ["0", 0], ["-5", -5], ["the string 100", "100"]])("a per-call timeoutMs of %s is a validation issue", async (_name, timeoutMs) => {
    const { fetch, calls } = stubFetch();
    await expect(send(client(fetch), spec, { id: "a" }, { timeoutMs: timeoutMs as number })).resolves.toEqual({
      ok: false,
      error: { kind: "validation", issues: [{ param: "(timeoutMs)", message: "must be a positive number" }] },
    });
    expect(calls).toHaveLength(0);
  });

  test("a body given to a GET is a validation issue, not a retried network error (fetch would throw); left out, the call is sent", async () => {
    // As the generator writes the body of a GET (test/generator/emit covers that it does).
    const search: OperationSpec = { ...spec, method: "GET", contentType: "application/json", params: { ...spec.params, query: { in: "body", required: false, type: "unsendable" } } };
    const { fetch, calls } = stubFetch(status(204));
    await expect(send(client(fetch), search, { id: "a", query: {} })).resolves.toEqual({
      ok: false,
      error: { kind: "validation", issues: [{ param: "query", message: "must be left out (fetch sends no body with GET or HEAD), got an object" }] },
    });
    expect(calls).toHaveLength(0);
    await expect(send(client(fetch), search, { id: "a" })).resolves.toMatchObject({ ok: true, status: 204 });
    expect(calls).toHaveLength(1);
  });

  test.each([2 ** 31, 30 * 24 * 3600 * 1000, Number.POSITIVE_INFINITY])("a timeoutMs of %d longer than a timer holds still waits", async (timeoutMs) => {
    const later = (async () => new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(null, { status: 204 })), 20))) as unknown as typeof globalThis.fetch;
    await expect(send(client(later, { timeoutMs }), spec, { id: "a" })).resolves.toMatchObject({ ok: true, status: 204 });
  });
  test("a throwing onDeprecation handler does not make the call throw", async () => {
    const { fetch } = stubFetch();
    const c = client(fetch, {
      onDeprecation: () => {
        throw new Error("boom");
      },
    });
    await expect(send(c, spec, { id: "a" })).resolves.toMatchObject({ ok: true });
  });

  test("the call's signal and timeout also bound authorization (a hanging token endpoint)", async () => {
    const { fetch, calls } = stubFetch();
    const hanging: AuthStrategy = { authorize: () => new Promise(() => {}), onUnauthorized: async () => false };
    const controller = new AbortController();
    const pending = send({ ...client(fetch), auth: hanging }, spec, { id: "a" }, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(pending).resolves.toMatchObject({ ok: false, error: { kind: "aborted" } });
    await expect(send({ ...client(fetch), auth: hanging }, spec, { id: "a" }, { timeoutMs: 30 })).resolves.toEqual({
      ok: false,
      error: { kind: "timeout", timeoutMs: 30 },
    });
    expect(calls).toHaveLength(0);
  });
});

describe("envelope=true", () => {
  const listing: OperationSpec = {
    ...spec,
    method: "GET",
    path: "/things",
    params: { envelope: { in: "query", required: false, type: "boolean" } },
    success: { 200: "json" },
    errors: { 503: null },
    deprecated: undefined,
  };
  const json = (body: unknown) => status(200, { "Content-Type": "application/json" }, JSON.stringify(body));

  test.each([
    ["a list: the list with `status` added", { links: [], results: [1], totalCount: 1, status: 200 }, { links: [], results: [1], totalCount: 1 }],
    ["one resource: `{status, content}`", { status: 200, content: { id: "a" } }, { id: "a" }],
  ])("%s is unwrapped to the data sent without envelope", async (_name, body, data) => {
    const { fetch } = stubFetch(json(body));
    await expect(send(client(fetch), listing, { envelope: true })).resolves.toMatchObject({ ok: true, status: 200, data });
  });

  test("an enveloped 503 is retried like a 503", async () => {
    vi.useFakeTimers();
    const { fetch, calls } = stubFetch(json({ status: 503, content: { error: 503 } }), json({ status: 200, content: { id: "a" } }));
    const pending = send(client(fetch, { retry: { baseDelayMs: 1 } }), listing, { envelope: true });
    await vi.runAllTimersAsync();
    await expect(pending).resolves.toMatchObject({ ok: true, status: 200, data: { id: "a" } });
    expect(calls).toHaveLength(2);
  });
});
