/**
 * The request loop shared by every generated operation: validate, authorize, send with a
 * per-attempt timeout, answer auth challenges, retry what is safe to retry, classify the response.
 * Nothing here throws for a failure on the wire; every outcome is a result.
 */
import { AuthError, type AuthRequest } from "./auth/strategy.js";
import type { Client } from "./client.js";
import type { OperationSpec } from "./operation.js";
import { buildUrl, headerParams, mediaTypes, requestBody, validateParams, versionIssues } from "./params.js";
import type { OperationError, OperationResult, RateLimit } from "./result.js";
import { backoffDelay, isRetryableStatus, parseRetryAfter, sleep } from "./retry.js";

export interface RequestOptions {
  signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout for this call. */
  timeoutMs?: number;
  /** Resource version (`YYYY-MM-DD`) of this call; generated functions narrow it to the operation's. */
  version?: string;
}

interface Received {
  response: Response;
  bytes: Uint8Array;
}

type Attempt = { ok: true; received: Received } | { ok: false; error: OperationError<never>; retryable: boolean };

const ATLAS_MEDIA_TYPE = /^application\/vnd\.atlas\.\d{4}-\d{2}-\d{2}\+/;

/** The `Accept` header: the operation's media type, with the client's `apiVersion` date if set. */
export function acceptHeader(accept: string, apiVersion: string | undefined): string {
  return apiVersion && ATLAS_MEDIA_TYPE.test(accept)
    ? accept.replace(/\d{4}-\d{2}-\d{2}/, apiVersion)
    : accept;
}

export function parseRateLimit(headers: Headers): RateLimit {
  const rateLimit: RateLimit = {};
  const limit = Number.parseInt(headers.get("ratelimit-limit") ?? "", 10);
  const remaining = Number.parseInt(headers.get("ratelimit-remaining") ?? "", 10);
  if (Number.isFinite(limit)) rateLimit.limit = limit;
  if (Number.isFinite(remaining)) rateLimit.remaining = remaining;
  return rateLimit;
}

/** `Sunset` (RFC 8594, an HTTP date) as `YYYY-MM-DD`. */
function sunsetDate(value: string | null): string | undefined {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : undefined;
}

function reportResponseDeprecation(client: Client, spec: OperationSpec, headers: Headers): void {
  if (!headers.has("deprecation") && !headers.has("sunset")) return;
  client.reportDeprecation({
    operationId: spec.id,
    sunset: sunsetDate(headers.get("sunset")),
    replacement: spec.deprecated?.replacement,
    source: "response",
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** `promise`, or a rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T> | undefined, signal: AbortSignal): Promise<T | undefined> {
  if (promise === undefined) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

async function attemptOnce(
  client: Client,
  authRequest: AuthRequest,
  headers: Record<string, string>,
  body: ReturnType<typeof requestBody>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<Attempt> {
  // A timer rather than AbortSignal.timeout so fake timers in tests control it. It covers
  // authorization too: a hanging token endpoint must not outlive the caller's limits.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  try {
    let authHeaders: Record<string, string> = {};
    try {
      authHeaders = (await untilAborted(client.auth?.authorize(authRequest), combined)) ?? {};
    } catch (error) {
      if (combined.aborted) throw error;
      const status = error instanceof AuthError ? error.status : undefined;
      // Only AuthError messages are known to be free of secrets.
      const message = error instanceof AuthError ? error.message : "authentication failed";
      return { ok: false, error: { kind: "auth", message, ...(status !== undefined && { status }) }, retryable: false };
    }
    const response = await client.fetch(authRequest.url, {
      method: authRequest.method,
      headers: { ...headers, ...authHeaders },
      ...(body !== undefined && { body }),
      signal: combined,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { ok: true, received: { response, bytes } };
  } catch (cause) {
    if (signal?.aborted) return { ok: false, error: { kind: "aborted", reason: signal.reason }, retryable: false };
    if (timeout.signal.aborted) return { ok: false, error: { kind: "timeout", timeoutMs }, retryable: false };
    const message = cause instanceof Error ? cause.message : "request failed";
    return { ok: false, error: { kind: "network", message, cause }, retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

/** Unwraps `envelope=true` responses (`200 {status, content}`) to the status and body they carry. */
function unwrapEnvelope(status: number, text: string): { status: number; text: string } {
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== "object" || parsed.value === null) return { status, text };
  const envelope = parsed.value as { status?: unknown; content?: unknown };
  if (typeof envelope.status !== "number") return { status, text };
  return {
    status: envelope.status,
    text: envelope.content === undefined ? "" : JSON.stringify(envelope.content),
  };
}

/** A result before the generated signature gives it its operation's types. */
type UntypedResult = OperationResult<Record<number, unknown>, Record<number, unknown>>;

/** Turns a received response into a result: documented success, documented error, or unexpected. */
function classify(spec: OperationSpec, received: Received, enveloped: boolean): UntypedResult {
  const { response, bytes } = received;
  const rateLimit = parseRateLimit(response.headers);
  let status = response.status;
  let text = new TextDecoder().decode(bytes);
  if (enveloped && status === 200) ({ status, text } = unwrapEnvelope(status, text));

  const successKind = spec.success[status];
  if (successKind !== undefined) {
    const success = (data: unknown) => ({ ok: true as const, status, data, response, rateLimit });
    switch (successKind) {
      case "none":
        return success(undefined);
      case "text":
        return success(text);
      case "binary":
        return success(bytes);
      case "json": {
        const parsed = parseJson(text);
        if (parsed.ok) return success(parsed.value);
        break;
      }
    }
  }

  const parsed = text === "" ? ({ ok: false } as const) : parseJson(text);
  const guard = spec.errors[status];
  if (guard !== undefined && successKind === undefined) {
    if (guard === null) return { ok: false, error: { kind: "http", status, body: undefined, response, rateLimit } };
    if (parsed.ok && guard(parsed.value)) {
      return { ok: false, error: { kind: "http", status, body: parsed.value, response, rateLimit } };
    }
  }
  return {
    ok: false,
    error: { kind: "unexpected", status, text, ...(parsed.ok && { body: parsed.value }), response, rateLimit },
  };
}

/** Sends one call of `spec`. Generated operation functions are thin wrappers around this. */
export async function send<Datas, ErrorBodies>(
  client: Client,
  spec: OperationSpec,
  params: unknown,
  options: RequestOptions = {},
): Promise<OperationResult<Datas, ErrorBodies>> {
  type Result = OperationResult<Datas, ErrorBodies>;
  const fail = (error: OperationError<never>) => ({ ok: false, error }) as Result;

  const issues = [...validateParams(params, spec.params), ...versionIssues(spec, options.version)];
  if (issues.length > 0) return fail({ kind: "validation", issues });
  // Without a prototype, reading a parameter named `toString` or `constructor` finds only the caller's value.
  const values: Record<string, unknown> = Object.assign(Object.create(null), params);

  if (spec.deprecated) {
    client.reportDeprecation({ operationId: spec.id, ...spec.deprecated, source: "spec" });
  }
  const { signal } = options;
  if (signal?.aborted) return fail({ kind: "aborted", reason: signal.reason });

  const url = buildUrl(client.baseUrl, spec, values);
  const media = mediaTypes(spec, options.version);
  let body: ReturnType<typeof requestBody>;
  try {
    body = requestBody(spec, values);
  } catch {
    // JSON.stringify throws on BigInt, cycles and a throwing toJSON.
    return fail({ kind: "validation", issues: [{ param: "body", message: "must be JSON-serializable" }] });
  }
  const headers = {
    ...headerParams(spec, values),
    // A per-call version is exact; the client's apiVersion date applies only without one.
    Accept: options.version ? media.accept : acceptHeader(spec.accept, client.apiVersion),
    ...(media.contentType !== undefined && { "Content-Type": media.contentType }),
    "User-Agent": client.userAgent,
  };
  // One object for every attempt, so a scheme can tell which credentials a 401 refused.
  const authRequest: AuthRequest = { method: spec.method, url: url.href };
  const timeoutMs = options.timeoutMs ?? client.timeoutMs;
  const retry = client.retry;
  let retries = 0;
  let reauths = 0;

  for (;;) {
    const attempt = await attemptOnce(client, authRequest, headers, body, signal, timeoutMs);
    let retryAfterMs: number | undefined;
    if (attempt.ok) {
      const { response } = attempt.received;
      if (response.status === 401 && client.auth && reauths < (client.auth.maxReauth ?? 1)) {
        reauths += 1;
        if (await client.auth.onUnauthorized(response, authRequest)) continue;
      }
      reportResponseDeprecation(client, spec, response.headers);
      const retryable = spec.idempotent && isRetryableStatus(response.status, retry);
      if (!retryable || retries >= retry.maxRetries) {
        return classify(spec, attempt.received, values.envelope === true) as Result;
      }
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    } else if (!attempt.retryable || !spec.idempotent || retries >= retry.maxRetries) {
      return fail(attempt.error);
    }
    try {
      await sleep(backoffDelay(retries, retry, retryAfterMs), signal);
    } catch {
      return fail({ kind: "aborted", reason: signal?.reason });
    }
    retries += 1;
  }
}
