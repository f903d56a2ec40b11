/**
 * The request loop shared by every generated operation: validate, authorize, send with a
 * per-attempt timeout, answer auth challenges, retry what is safe to retry, classify the response.
 * Nothing here throws for a failure on the wire; every outcome is a result.
 */
import type { Client } from "./client.js";
import { deprecationOf, mediaTypeIn, mediaTypeOf, resolvedVersion, type BodyKind, type OperationSpec } from "./operation.js";
import { buildUrl, choices, headersAndBody, validateParams } from "./params.js";
import type { AuthFailure, OperationError, RateLimit } from "./result.js";
import { backoffDelay, isTimeout, parseRetryAfter, sleep, startTimer } from "./retry.js";

/** Per-call options every operation takes; see `CallOptions` for the version and the format. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
}

/** What `send` reads: the request options, and the resource version and response format chosen. */
export interface SendOptions extends RequestOptions {
  /** Resource version (`YYYY-MM-DD`) of this call; generated functions narrow it to the operation's. */
  version?: string;
  /** Response format (`csv`) of this call; generated functions narrow it to the operation's. */
  format?: string;
}

/** The `Accept` header: the operation's media type, with the client's `apiVersion` date if set. */
export function acceptHeader(accept: string, apiVersion: string | undefined): string {
  return apiVersion ? accept.replace(/(?<=^application\/vnd\.atlas\.)\d{4}-\d\d-\d\d(?=\+)/, apiVersion) : accept;
}

/**
 * `RateLimit-Limit` and `-Remaining`, as Atlas sends them: their first item (early drafts of
 * draft-ietf-httpapi-ratelimit-headers list policies after it), when it is a non-negative integer.
 */
export function parseRateLimit(headers: Headers): RateLimit {
  const rateLimit: RateLimit = {};
  for (const key of ["limit", "remaining"] as const) {
    const value = /^\s*(\d+)\s*(?:[,;]|$)/.exec(headers.get(`ratelimit-${key}`) ?? "")?.[1];
    if (value !== undefined) rateLimit[key] = Number(value);
  }
  return rateLimit;
}

const parseJson = (text: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
};

/** `YYYY-MM-DD` of a time in milliseconds, for years 1970 to 9999 (toISOString writes others as `+010000-…`). */
const day = (ms: number): string | undefined => (ms >= 0 && ms < 253_402_300_800_000 ? new Date(ms).toISOString().slice(0, 10) : undefined);

const decoder = new TextDecoder();
const NO_FORMATS: NonNullable<OperationSpec["formats"]> = {};

/** An error before the generated signature gives it its operation's types. */
type UntypedError = OperationError<Record<number, unknown>>;
const fail = (error: UntypedError) => ({ ok: false as const, error });

/** How a success body of `status` is read: as the call's chosen format says, if it has a body. */
function bodyKind(spec: OperationSpec, status: number, format: BodyKind | undefined): BodyKind | undefined {
  const kind = spec.success[status];
  return format && kind && kind !== "none" ? format : kind;
}

/** A response's status and body text, taken out of the `envelope=true` wrapper when it has one. */
interface Unwrapped {
  status: number;
  text: string;
}

function unwrap(spec: OperationSpec, response: Response, bytes: Uint8Array, enveloped: boolean, format: BodyKind | undefined): Unwrapped {
  const text = decoder.decode(bytes);
  // `envelope=true` answers `200 {status, content}`, or for a list the list with `status` added.
  const envelope = enveloped && response.status === 200 ? (parseJson(text)?.value as Record<string, unknown> | null) : undefined;
  if (typeof envelope?.status !== "number") return { status: response.status, text };
  const { status, ...rest } = envelope as Record<string, unknown> & { status: number };
  const content = "content" in rest ? rest.content : Object.keys(rest).length > 0 ? rest : undefined;
  // Text (a CSV) arrives as a JSON string: it is the body itself, not JSON to re-encode.
  const body = typeof content === "string" && bodyKind(spec, status, format) === "text" ? content : JSON.stringify(content);
  return { status, text: body ?? "" };
}

/** Turns a received response into a result: documented success, documented error, or unexpected. */
function classify(spec: OperationSpec, response: Response, { status, text }: Unwrapped, bytes: Uint8Array, format: BodyKind | undefined) {
  const rateLimit = parseRateLimit(response.headers);
  // Not parsed when empty: a thrown SyntaxError per bodiless response is most of a call's cost.
  const parsed = text ? parseJson(text) : undefined;
  const received = { status, response, rateLimit };
  const kind = bodyKind(spec, status, format);
  if (kind && (kind !== "json" || parsed)) {
    return { ok: true, ...received, data: { none: undefined, text, binary: bytes, json: parsed?.value }[kind] };
  }
  const guard = spec.errors[status];
  if (!kind && (guard === null || (guard && parsed && guard(parsed.value)))) {
    return fail({ kind: "http", ...received, body: guard ? parsed?.value : undefined });
  }
  return fail({ kind: "unexpected", ...received, text, ...(parsed && { body: parsed.value }) });
}

/**
 * Sends one call of `spec`. Generated operation functions are thin wrappers around this; `Result`
 * is inferred from their declared result type, the union of what this returns for `spec`.
 */
export async function send<Result>(client: Client, spec: OperationSpec, params: unknown, options?: SendOptions): Promise<Result>;
export async function send(client: Client, spec: OperationSpec, params: unknown, { signal, version, format, timeoutMs = client.timeoutMs }: SendOptions = {}): Promise<unknown> {
  const aborted = () => fail({ kind: "aborted", reason: signal?.reason });
  // Read once, so what is validated is what is sent (a getter or a Proxy is not asked twice).
  // Without a prototype, reading a parameter named `toString` or `constructor` finds only the caller's value.
  const values: Record<string, unknown> =
    typeof params === "object" && params !== null && !Array.isArray(params) ? Object.assign(Object.create(null), params) : params;
  const issues = validateParams(values, spec.params);
  if (version !== undefined && !spec.versions?.includes(version)) {
    issues.push({ param: "(version)", message: `must be one of ${spec.versions ? choices(spec.versions) : "none (the operation has one media type)"}` });
  }
  const formats = spec.formats ?? NO_FORMATS;
  if (format !== undefined && !Object.hasOwn(formats, format)) {
    issues.push({ param: "(format)", message: `must be one of ${spec.formats ? choices(Object.keys(formats)) : "none (the operation has one format)"}` });
  }
  if (!isTimeout(timeoutMs)) issues.push({ param: "(timeoutMs)", message: "must be a positive number" });
  if (issues.length > 0) return fail({ kind: "validation", issues });
  const resolved = resolvedVersion(spec, version, client.apiVersion);
  // The values validation checked: a JSON body's text is the one it wrote, headers are validated
  // scalars. Its Content-Type names the version the client's apiVersion resolves to, as Accept does;
  // the date itself when it predates every version the spec lists, for the server to resolve alike.
  const encoded = headersAndBody(spec, values, resolved ?? client.apiVersion);
  // Reported for calls that may be sent: one that fails validation reached nothing deprecated.
  const deprecation = deprecationOf(spec, resolved);
  if (deprecation) client.reportDeprecation({ operationId: spec.id, ...deprecation, source: "spec" });
  if (signal?.aborted) return aborted();

  const accept = version ? mediaTypeOf(spec.accept, version) : acceptHeader(spec.accept, client.apiVersion);
  const headers = {
    ...encoded.headers,
    // A per-call version is exact; the client's apiVersion date applies only without one.
    Accept: format === undefined ? accept : mediaTypeIn(accept, format),
    "User-Agent": client.userAgent,
  };
  // One object for every attempt, so a scheme can tell which credentials a 401 refused.
  const authRequest = { method: spec.method, url: buildUrl(client.baseUrl, spec, values) };
  // Called as a plain function: a browser's fetch refuses any `this` but the window.
  const { auth, retry, fetch: sendRequest } = client;
  let retries = 0;
  let reauths = 0;

  for (;;) {
    // A timer rather than AbortSignal.timeout so fake timers in tests control it. It covers
    // authorization too: a hanging token endpoint must not outlive the caller's limits.
    const timeout = new AbortController();
    // Rejects when the attempt must stop. What the attempt awaits is raced with it, as a custom
    // fetch may ignore its signal. Rejected by the timer itself, and through a listener only when
    // the caller gave a signal. Handled at once: the attempt may end (a fetch that throws at
    // once) before anything races it.
    let stop: (reason: unknown) => void = () => {};
    const stopped = new Promise<never>((_, reject) => (stop = reject));
    stopped.catch(() => {});
    const timer = startTimer(() => {
      timeout.abort();
      stop(timeout.signal.reason);
    }, timeoutMs);
    const onAbort = () => stop(signal?.reason);
    signal?.addEventListener("abort", onAbort);
    if (signal?.aborted) onAbort();
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const bounded = <T>(promise: Promise<T>) => Promise.race([promise, stopped]);
    let response: Response | undefined;
    let bytes: Uint8Array | undefined;
    let error: UntypedError | undefined;
    try {
      // What a scheme throws may quote a secret; only the failures it returns are known not to.
      const authorized = auth && (await bounded(auth.authorize(authRequest).catch((): AuthFailure => ({ kind: "auth", message: "authentication failed" }))));
      if (authorized?.kind === "auth") return fail(authorized as AuthFailure);
      const authHeaders = authorized as Record<string, string> | undefined;
      const sent = sendRequest(authRequest.url, { method: spec.method, headers: { ...headers, ...authHeaders }, body: encoded.body, signal: combined });
      // One race for the response and its body: a body can stall after the headers came.
      [response, bytes] = await bounded(sent.then((r) => r.arrayBuffer().then((body) => [r, new Uint8Array(body)] as const)));
    } catch (cause) {
      if (signal?.aborted) return aborted();
      // A timed-out attempt is retried like a lost connection (the timeout is per attempt).
      error = timeout.signal.aborted ? { kind: "timeout", timeoutMs } : { kind: "network", message: cause instanceof Error ? cause.message : "request failed", cause };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }

    let retryAfterMs: number | undefined;
    if (response && bytes) {
      if (response.status === 401 && auth && reauths++ < (auth.maxReauth ?? 1) && (await auth.onUnauthorized(response, authRequest))) continue;
      // RFC 9745 `Deprecation` / RFC 8594 `Sunset` (an HTTP date, reported as `YYYY-MM-DD`).
      if (response.headers.has("deprecation") || response.headers.has("sunset")) {
        // RFC 9745's `@<seconds>` may lie ahead: deprecated from then on.
        const since = /^@(-?\d{1,12})$/.exec(response.headers.get("deprecation")?.trim() ?? "")?.[1];
        // Under the spec report's key when the version has a sunset of its own: reported once.
        client.reportDeprecation({
          operationId: spec.id,
          version: deprecation?.version,
          sunset: day(Date.parse(response.headers.get("sunset") ?? "")),
          deprecatedOn: since === undefined ? undefined : day(Number(since) * 1000),
          replacement: spec.deprecated?.replacement,
          source: "response",
        });
      }
      const chosen = format === undefined ? undefined : formats[format];
      const answer = unwrap(spec, response, bytes, values.envelope === true, chosen);
      // An enveloped 429 or 503 arrives as a 200: what counts is the status it carries.
      if (!spec.idempotent || !retry.statuses.includes(answer.status) || retries >= retry.maxRetries) {
        return classify(spec, response, answer, bytes, chosen);
      }
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    } else if (!spec.idempotent || retries >= retry.maxRetries) {
      return fail(error!);
    }
    try {
      await sleep(backoffDelay(retries++, retry, retryAfterMs), signal);
    } catch {
      return aborted();
    }
  }
}
