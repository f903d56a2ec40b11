/**
 * `createClient`: the configuration every generated operation takes as its first argument.
 * Credentials live only inside auth strategies' closures, never on the client object.
 */
import { bearerAuth } from "./auth/bearer.js";
import type { AuthStrategy } from "./auth/strategy.js";
import { resolveRetry, type RetryConfig, type RetryOptions } from "./retry.js";
import { version } from "./version.js";

export type AuthOptions =
  | { type: "bearer"; token: string | (() => string | Promise<string>) }
  | { type: "digest"; publicKey: string; privateKey: string }
  | { type: "serviceAccount"; clientId: string; clientSecret: string; tokenUrl?: string; revokeUrl?: string };

export interface DeprecationInfo {
  operationId: string;
  /** `YYYY-MM-DD` from the spec's `x-sunset`, or the server's `Sunset` header. */
  sunset?: string | undefined;
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
  /** Called once per deprecated operation per client; `false` silences it. */
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
  /** Reports a deprecation once per operation, from the spec or else from response headers. */
  readonly reportDeprecation: (info: DeprecationInfo) => void;
  /** Releases credentials (revokes a service account token). */
  close(): Promise<void>;
}

const API_VERSION = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Defers loading an auth module until first use, so bundles only carry the schemes they use. */
function lazyAuth(load: () => Promise<AuthStrategy>): AuthStrategy {
  let loaded: Promise<AuthStrategy> | undefined;
  // Known once `authorize` has run, which is always before a 401 can be seen.
  let strategy: AuthStrategy | undefined;
  const get = async () => (strategy = await (loaded ??= load()));
  return {
    get maxReauth() {
      return strategy?.maxReauth;
    },
    authorize: async (request) => (await get()).authorize(request),
    onUnauthorized: async (response, request) => (await get()).onUnauthorized(response, request),
    close: async () => {
      if (loaded) await (await get()).close?.();
    },
  };
}

function createAuth(auth: AuthOptions | undefined, baseUrl: string, fetchImpl: typeof fetch): AuthStrategy | undefined {
  switch (auth?.type) {
    case undefined:
      return undefined;
    case "bearer":
      return bearerAuth(auth.token);
    case "digest": {
      const { publicKey, privateKey } = auth;
      return lazyAuth(async () => (await import("./auth/digest.js")).digestAuth({ publicKey, privateKey }));
    }
    case "serviceAccount": {
      const { clientId, clientSecret, tokenUrl, revokeUrl } = auth;
      return lazyAuth(async () =>
        (await import("./auth/service-account.js")).serviceAccountAuth({
          clientId,
          clientSecret,
          ...(tokenUrl !== undefined && { tokenUrl }),
          ...(revokeUrl !== undefined && { revokeUrl }),
          baseUrl,
          fetch: fetchImpl,
        }),
      );
    }
    default:
      throw new TypeError(`createClient: unknown auth type ${JSON.stringify((auth as { type: unknown }).type)}`);
  }
}

function defaultDeprecationHandler(info: DeprecationInfo): void {
  const message =
    `${info.operationId} is deprecated` +
    (info.sunset ? ` and will be removed on ${info.sunset}` : "") +
    (info.replacement ? `; use ${info.replacement}` : "");
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, { type: "DeprecationWarning", code: "ATLASGEN_DEPRECATED" });
  else console.warn(message);
}

export function createClient(options: ClientOptions = {}): Client {
  const baseUrl = (options.baseUrl ?? "https://cloud.mongodb.com").replace(/\/+$/, "");
  if (!/^https?:\/\//.test(baseUrl)) throw new TypeError("createClient: baseUrl must be an http(s) URL");
  if (options.apiVersion !== undefined && !API_VERSION.test(options.apiVersion)) {
    throw new TypeError("createClient: apiVersion must be a date in the form YYYY-MM-DD");
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!(timeoutMs > 0)) throw new TypeError("createClient: timeoutMs must be a positive number");
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const auth = createAuth(options.auth, baseUrl, fetchImpl);
  const onDeprecation = options.onDeprecation ?? defaultDeprecationHandler;
  const reported = new Set<string>();
  return {
    baseUrl,
    fetch: fetchImpl,
    auth,
    retry: resolveRetry(options.retry),
    timeoutMs,
    apiVersion: options.apiVersion,
    userAgent: options.userAgent ?? `atlasgen/${version}`,
    reportDeprecation(info) {
      if (onDeprecation === false || reported.has(info.operationId)) return;
      reported.add(info.operationId);
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
