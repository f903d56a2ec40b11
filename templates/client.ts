/**
 * `createClient`: the configuration every generated operation takes as its first argument.
 * Credentials live only inside auth strategies' closures, never on the client object.
 */
import { bearerAuth } from "./auth/bearer.js";
import type { DigestOptions } from "./auth/digest.js";
import type { ServiceAccountOptions } from "./auth/service-account.js";
import type { AuthStrategy } from "./auth/strategy.js";
import { isHeaderValue } from "./params.js";
import { isTimeout, resolveRetry, type RetryConfig, type RetryOptions } from "./retry.js";
import { version } from "./version.js";

export type AuthOptions =
  | { type: "bearer"; token: string | (() => string | Promise<string>) }
  | { type: "digest"; publicKey: string; privateKey: string }
  | { type: "serviceAccount"; clientId: string; clientSecret: string; tokenUrl?: string; revokeUrl?: string };

export interface DeprecationInfo {
  operationId: string;
  /** The resource version the call chose, when it is that version's sunset (the operation lives on in others). */
  version?: string | undefined;
  /** `YYYY-MM-DD` from the spec's `x-sunset`, or the server's `Sunset` header. */
  sunset?: string | undefined;
  /** `YYYY-MM-DD` from the server's `Deprecation: @<seconds>` header (RFC 9745): when it is, or will be, deprecated. */
  deprecatedOn?: string | undefined;
  /** The operation to migrate to, from the spec's `externalDocs`. */
  replacement?: string | undefined;
  /** Where the information came from. */
  source: "spec" | "response";
}

export interface ClientOptions {
  /** Default `https://cloud.mongodb.com`. */
  baseUrl?: string;
  auth?: AuthOptions;
  fetch?: typeof fetch;
  /** Per-attempt timeout; default 30 s. */
  timeoutMs?: number;
  /** Retries of idempotent operations; `false` disables them. */
  retry?: RetryOptions | false;
  /** `YYYY-MM-DD` sent in `Accept` instead of each operation's own resource version. */
  apiVersion?: string;
  /** Called once per deprecated operation (or resource version with a sunset) per client; `false` silences it. */
  onDeprecation?: ((info: DeprecationInfo) => void) | false;
  /** Default `atlasgen/<version>`. */
  userAgent?: string;
}

export interface Client {
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  readonly auth: AuthStrategy | undefined;
  readonly retry: RetryConfig;
  readonly timeoutMs: number;
  readonly apiVersion: string | undefined;
  readonly userAgent: string;
  /** Reports a deprecation once per operation (and version), from the spec or else from response headers. */
  readonly reportDeprecation: (info: DeprecationInfo) => void;
  /** Releases credentials (revokes a service account token). */
  close(): Promise<void>;
}

const API_VERSION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Why `baseUrl` cannot be the base of every call's URL, if it cannot. */
function baseUrlProblem(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return "baseUrl must be an http(s) URL";
  }
  if (!/^https?:$/.test(url.protocol)) return "baseUrl must be an http(s) URL";
  // fetch refuses such a URL, quoting it (password included) in its error.
  if (url.username || url.password) return "baseUrl must not contain credentials";
  // Paths are appended to it as text: they would land in the query or the fragment.
  if (/[?#]/.test(baseUrl)) return "baseUrl must not have a query or a fragment";
  return undefined;
}

/**
 * Loads an auth module on first use, so bundles only carry the schemes they use. The loaded
 * strategy's members then replace this stand-in's; `authorize` always runs before the others.
 */
function lazyAuth(load: () => Promise<AuthStrategy>): AuthStrategy {
  let loaded: Promise<AuthStrategy> | undefined;
  const strategy: AuthStrategy = {
    async authorize(request) {
      const real = await (loaded ??= load());
      return Object.assign(strategy, real).authorize(request);
    },
    onUnauthorized: async () => false,
    // Before any call nothing was loaded, so nothing is held.
    close: async () => (await loaded)?.close?.(),
  };
  return strategy;
}

function createAuth(auth: AuthOptions | undefined, baseUrl: string, fetch: typeof globalThis.fetch): AuthStrategy | undefined {
  // Copied now, so changing the caller's object later changes nothing.
  const options = { ...auth, baseUrl, fetch };
  switch (auth?.type) {
    case undefined:
      return undefined;
    case "bearer":
      return bearerAuth(auth.token);
    case "digest":
      return lazyAuth(async () => (await import("./auth/digest.js")).digestAuth(options as DigestOptions));
    case "serviceAccount":
      return lazyAuth(async () => (await import("./auth/service-account.js")).serviceAccountAuth(options as ServiceAccountOptions));
    default:
      throw new TypeError(`createClient: unknown auth type ${JSON.stringify((auth as { type: unknown }).type)}`);
  }
}

function defaultDeprecationHandler({ operationId, version, sunset, replacement, deprecatedOn }: DeprecationInfo): void {
  const later = deprecatedOn !== undefined && deprecatedOn > new Date().toISOString().slice(0, 10);
  const message = `${operationId}${version ? ` (resource version ${version})` : ""} ${later ? `will be deprecated on ${deprecatedOn}` : "is deprecated"}${sunset ? ` and will be removed on ${sunset}` : ""}${replacement ? `; use ${replacement}` : ""}`;
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, { type: "DeprecationWarning", code: "ATLASGEN_DEPRECATED" });
  else console.warn(message);
}

export function createClient(options: ClientOptions = {}): Client {
  const { apiVersion, onDeprecation = defaultDeprecationHandler } = options;
  const baseUrl = (options.baseUrl ?? "https://cloud.mongodb.com").replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 30_000;
  const userAgent = options.userAgent ?? `atlasgen/${version}`;
  const invalid =
    baseUrlProblem(baseUrl) ??
    (apiVersion !== undefined && !API_VERSION.test(apiVersion)
      ? "apiVersion must be a date in the form YYYY-MM-DD"
      : !isTimeout(timeoutMs)
        ? "timeoutMs must be a positive number"
        : !isHeaderValue(userAgent) && "userAgent must be a valid header value (no line breaks or control characters, Latin-1 only)");
  if (invalid) throw new TypeError(`createClient: ${invalid}`);
  const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const auth = createAuth(options.auth, baseUrl, fetch);
  const reported = new Set<string>();
  return {
    baseUrl,
    fetch,
    auth,
    retry: resolveRetry(options.retry),
    timeoutMs,
    apiVersion,
    userAgent,
    reportDeprecation(info) {
      const key = info.version ? `${info.operationId} ${info.version}` : info.operationId;
      if (onDeprecation === false || reported.has(key)) return;
      reported.add(key);
      try {
        onDeprecation(info);
      } catch {
        // A failing handler must not turn a finished call into a thrown error.
      }
    },
    close: async () => {
      await auth?.close?.();
    },
  };
}
