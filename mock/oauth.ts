import { randomBytes } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { documentedError } from "./errors.js";
import { RateWindow } from "./ratelimit.js";
import { sendJson } from "./respond.js";

export interface ServiceAccount {
  clientId: string;
  clientSecret: string;
}

interface IssuedToken {
  clientId: string;
  expiresAt: number;
}

/** Atlas allows 10 token requests per minute per service account. */
const TOKEN_REQUESTS_PER_MINUTE = 10;

/** The client-credentials token endpoint, token revocation (RFC 7009) and Bearer checks. */
export class OAuthServer {
  tokenRequests = 0;
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #limiter: RateWindow;

  constructor(
    readonly accounts: readonly ServiceAccount[],
    readonly staticTokens: ReadonlySet<string>,
    readonly tokenTtlSeconds: number,
    readonly now: () => Date,
  ) {
    this.#limiter = new RateWindow(TOKEN_REQUESTS_PER_MINUTE, 60_000, now);
  }

  /** `POST /api/oauth/token` with `grant_type=client_credentials` and the client in Basic auth. */
  token(req: IncomingMessage, res: ServerResponse, body: string): void {
    this.tokenRequests += 1;
    if (req.method !== "POST") return oauthError(res, 405, "invalid_request", { Allow: "POST" });
    const presented = parseBasic(req.headers.authorization);
    // Counted before the secret is checked, so guessing secrets is throttled too.
    if (presented) {
      const rate = this.#limiter.hit(presented.clientId);
      if (!rate.allowed) {
        return sendJson(res, 429, documentedError(429), false, {
          "Retry-After": String(rate.retryAfterSeconds),
        });
      }
    }
    if (!this.#authenticate(presented)) return invalidClient(res);
    if (!isForm(req)) return oauthError(res, 400, "invalid_request");
    const grantType = new URLSearchParams(body).get("grant_type");
    if (grantType === null) return oauthError(res, 400, "invalid_request");
    if (grantType !== "client_credentials") return oauthError(res, 400, "unsupported_grant_type");

    const accessToken = randomBytes(32).toString("base64url");
    this.#tokens.set(accessToken, {
      clientId: presented.clientId,
      expiresAt: this.now().getTime() + this.tokenTtlSeconds * 1000,
    });
    // RFC 6749 §5.1: token responses must not be cached.
    sendJson(
      res,
      200,
      { access_token: accessToken, expires_in: this.tokenTtlSeconds, token_type: "Bearer" },
      false,
      { "Cache-Control": "no-store", Pragma: "no-cache" },
    );
  }

  /** `POST /api/oauth/revoke` with `token=...`; answers 200 even for an unknown token (RFC 7009 §2.2). */
  revoke(req: IncomingMessage, res: ServerResponse, body: string): void {
    if (req.method !== "POST") return oauthError(res, 405, "invalid_request", { Allow: "POST" });
    const presented = parseBasic(req.headers.authorization);
    if (!this.#authenticate(presented)) return invalidClient(res);
    if (!isForm(req)) return oauthError(res, 400, "invalid_request");
    const token = new URLSearchParams(body).get("token");
    if (!token) return oauthError(res, 400, "invalid_request");
    // RFC 7009 §2.1: a client may only revoke its own tokens.
    const issued = this.#tokens.get(token);
    if (issued && issued.clientId !== presented.clientId) return oauthError(res, 400, "unauthorized_client");
    this.#tokens.delete(token);
    res.writeHead(200).end();
  }

  /** The caller behind a Bearer token, or undefined when the token is unknown, revoked or expired. */
  bearer(token: string): string | undefined {
    if (this.staticTokens.has(token)) return `token:${token}`;
    const issued = this.#tokens.get(token);
    if (!issued || this.now().getTime() >= issued.expiresAt) return undefined;
    return issued.clientId;
  }

  #authenticate(presented: ServiceAccount | undefined): presented is ServiceAccount {
    return this.accounts.some(
      (a) => a.clientId === presented?.clientId && a.clientSecret === presented.clientSecret,
    );
  }
}

function parseBasic(header: string | undefined): ServiceAccount | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}

function isForm(req: IncomingMessage): boolean {
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/x-www-form-urlencoded";
}

function oauthError(
  res: ServerResponse,
  status: number,
  error: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, { error }, false, headers);
}

// RFC 6749 §5.2: a 401 for a client that used the Authorization header names the scheme to use.
function invalidClient(res: ServerResponse): void {
  oauthError(res, 401, "invalid_client", { "WWW-Authenticate": 'Basic realm="MMS Public API"' });
}
