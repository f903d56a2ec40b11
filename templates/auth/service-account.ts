/**
 * Atlas service accounts: OAuth 2.0 client credentials (RFC 6749 §4.4) with a cached, shared
 * access token, revoked on close (RFC 7009). Web-standard globals only.
 */
import type { AuthFailure } from "../result.js";
import type { AuthRequest, AuthStrategy } from "./strategy.js";

/**
 * Why no token could be had (token endpoint down or refusing), or why `close()` could not revoke
 * it. The message never contains a secret; `authorize` returns it as `{ kind: "auth" }`.
 */
export class AuthError extends Error {
  override readonly name = "AuthError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ServiceAccountOptions {
  clientId: string;
  clientSecret: string;
  /** Default `{baseUrl}/api/oauth/token`. */
  tokenUrl?: string;
  /** Default `{baseUrl}/api/oauth/revoke`. */
  revokeUrl?: string;
  baseUrl: string;
  fetch: typeof fetch;
  /** Clock for token expiry and cool-downs; default `Date.now`. */
  now?: () => number;
}

// Atlas allows 10 token requests a minute: never ask more often than this after a failed request
// or when a token has been rejected. Each failure in a row doubles the wait (a wrong secret does
// not fix itself), up to MAX_COOL_DOWN_MS, or the endpoint's Retry-After if longer (capped alike).
const COOL_DOWN_MS = 6_000;
const MAX_COOL_DOWN_MS = 300_000;
const TOKEN_TIMEOUT_MS = 30_000;
// Checked here because Headers' own TypeError would quote the token.
const HEADER_SAFE = /^[\x21-\x7e]+$/;
const OAUTH_ERROR_CODE = /^[\w.-]{1,64}$/;

interface Token {
  value: string;
  obtainedAt: number;
  refreshAt: number;
  expiresAt: number;
}

function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Why a request did not complete, from error names and codes only: messages may quote inputs. */
function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "timed out";
  const code: unknown = error instanceof Error ? (error.cause as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code) ? `network error (${code})` : "network error";
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function serviceAccountAuth(options: ServiceAccountOptions): AuthStrategy & { close(): Promise<void> } {
  // Secrets and the token stay in this closure: the returned object has only methods.
  const { fetch: fetchImpl, now = Date.now } = options;
  const base = options.baseUrl.replace(/\/+$/, "");
  const tokenUrl = options.tokenUrl ?? `${base}/api/oauth/token`;
  const revokeUrl = options.revokeUrl ?? `${base}/api/oauth/revoke`;
  const basic = `Basic ${base64Utf8(`${options.clientId}:${options.clientSecret}`)}`;
  let token: Token | undefined;
  let pending: Promise<string> | undefined;
  let failure: { error: AuthError; until: number; inARow: number } | undefined;
  let closing: Promise<void> | undefined;
  // After close() no token is requested or used: one got later would never be revoked.
  let closed = false;

  async function post(url: string, body: string, what: string): Promise<{ response: Response; text: string }> {
    const signal = AbortSignal.timeout(TOKEN_TIMEOUT_MS);
    // Raced as well: a custom fetch may ignore its signal, and a request that never ends would
    // hold every later call (and close()) behind it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { name: "TimeoutError" })), TOKEN_TIMEOUT_MS);
      // Node: the timer alone keeps no process alive (AbortSignal.timeout does not either).
      (timer as { unref?: () => void }).unref?.();
    });
    try {
      const headers = { Authorization: basic, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };
      const sent = fetchImpl(url, { method: "POST", headers, body, signal }).then(async (response) => ({ response, text: await response.text() }));
      return await Promise.race([sent, timedOut]);
    } catch (error) {
      throw new AuthError(`service account ${what} failed: ${networkReason(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async function requestToken(): Promise<string> {
    const startedAt = now();
    const { response, text } = await post(tokenUrl, "grant_type=client_credentials", "token request");
    const json = parseJson(text);
    if (!response.ok) {
      // Only the OAuth error code: the description or a proxy's page might echo the request.
      const code = json?.["error"];
      const detail = typeof code === "string" && OAUTH_ERROR_CODE.test(code) ? ` (${code})` : "";
      const error = new AuthError(`service account token request failed: HTTP ${response.status}${detail}`, response.status);
      // Seconds only: retry.ts's HTTP-date parser would join this lazily loaded module to every bundle.
      const seconds = /^\s*(\d+)\s*$/.exec(response.headers.get("retry-after") ?? "")?.[1];
      throw Object.assign(error, { retryAfterMs: Number(seconds ?? 0) * 1000 });
    }
    const value = json?.["access_token"];
    const type = json?.["token_type"];
    // Atlas always sends expires_in; a wrong default is corrected by onUnauthorized.
    const expiresIn = Number(json?.["expires_in"] ?? 3600);
    if (
      typeof value !== "string" ||
      !HEADER_SAFE.test(value) ||
      (type !== undefined && String(type).toLowerCase() !== "bearer") ||
      !Number.isFinite(expiresIn) ||
      expiresIn <= 0
    ) {
      throw new AuthError("service account token response is not a usable bearer token", response.status);
    }
    const lifetime = expiresIn * 1000;
    const expiresAt = startedAt + lifetime;
    token = { value, obtainedAt: startedAt, expiresAt, refreshAt: expiresAt - Math.min(60_000, lifetime / 10) };
    return value;
  }

  function getToken(): Promise<string> {
    const time = now();
    if (token && time < token.refreshAt) return Promise.resolve(token.value);
    if (pending) return pending;
    if (failure && time < failure.until) {
      // Within the cool-down, a token that is merely due for refresh is still good.
      return token && time < token.expiresAt ? Promise.resolve(token.value) : Promise.reject(failure.error);
    }
    pending = requestToken()
      .then(
        (value) => {
          failure = undefined;
          return value;
        },
        (error: unknown) => {
          const authError = error instanceof AuthError ? error : new AuthError("service account token request failed");
          const inARow = (failure?.inARow ?? 0) + 1;
          const backoff = Math.min(COOL_DOWN_MS * 2 ** (inARow - 1), MAX_COOL_DOWN_MS);
          const asked = Math.min((error as { retryAfterMs?: number }).retryAfterMs ?? 0, MAX_COOL_DOWN_MS);
          failure = { error: authError, until: now() + Math.max(backoff, asked), inARow };
          if (token && now() < token.expiresAt) return token.value;
          throw authError;
        },
      )
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  async function revoke(): Promise<void> {
    await pending?.catch(() => undefined);
    const held = token;
    if (!held) return;
    const body = new URLSearchParams({ token: held.value, token_type_hint: "access_token" }).toString();
    const { response } = await post(revokeUrl, body, "token revocation");
    // Kept until revoked: RFC 7009 has the client try again later (close() again).
    if (!response.ok) {
      throw new AuthError(`service account token revocation failed: HTTP ${response.status}`, response.status);
    }
    if (token === held) token = undefined;
  }

  // The token each in-flight request carried, so a 401 can be matched to the token it refused.
  const sentWith = new WeakMap<AuthRequest, string>();
  let refusedUntil = 0;

  return {
    async authorize(request) {
      if (closed) return { kind: "auth", message: "service account client is closed" };
      let value: string;
      try {
        value = await getToken();
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        const failure: AuthFailure = { kind: "auth", message: error.message };
        if (error.status !== undefined) failure.status = error.status;
        return failure;
      }
      // Closed while the token was on its way: close() revokes it.
      if (closed) return { kind: "auth", message: "service account client is closed" };
      sentWith.set(request, value);
      return { Authorization: `Bearer ${value}` };
    },

    /**
     * Drops the refused token so the retry gets a new one, unless another request already
     * replaced it. After a drop, further refusals within the cool-down are final: fresh tokens
     * being refused means the account is the problem, and Atlas allows 10 token requests a minute.
     */
    async onUnauthorized(_response, request) {
      const sent = sentWith.get(request);
      if (sent === undefined || closed) return false;
      if (token?.value !== sent) return true;
      if (now() < refusedUntil) return false;
      token = undefined;
      refusedUntil = now() + COOL_DOWN_MS;
      return true;
    },

    close() {
      closed = true;
      closing ??= revoke().finally(() => {
        closing = undefined;
      });
      return closing;
    },
  };
}
