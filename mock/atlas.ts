import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DigestAuth, REALM, type DigestAlgorithm } from "./digest.js";
import { apiError, documentedError, type ApiError } from "./errors.js";
import { applyFault, FaultQueue, type Fault, type Operation } from "./faults.js";
import { OAuthServer, type ServiceAccount } from "./oauth.js";
import { API_RATE_LIMIT, RateWindow } from "./ratelimit.js";
import { readBody, sendJson } from "./respond.js";
import { MockState } from "./state.js";
import { SUNSET, versionError } from "./versioning.js";

export { MockState } from "./state.js";
export type { ApiError } from "./errors.js";
export type { Fault, Operation } from "./faults.js";

export interface MockAtlasOptions {
  /** API keys accepted with HTTP Digest (public key as user name, private key as password). */
  apiKeys?: { publicKey: string; privateKey: string }[];
  /** Service accounts accepted by the OAuth client-credentials token endpoint. */
  serviceAccounts?: ServiceAccount[];
  /** Static tokens accepted as Bearer, besides the ones the token endpoint issues. */
  bearerTokens?: string[];
  /** Default true; false skips every auth check (for contract tests). */
  requireAuth?: boolean;
  /** Clock for the sunset (410), token expiry, nonce expiry and rate-limit windows. */
  now?: () => Date;
  /** Lifetime of issued tokens; default 3600. */
  tokenTtlSeconds?: number;
  /** Age after which a nonce is stale (401 with stale=true); default 300_000. */
  nonceTtlMs?: number;
  /** Algorithms offered, one challenge each, in this order; default SHA-256 then MD5. */
  digestAlgorithms?: DigestAlgorithm[];
  /** Port to listen on (127.0.0.1); default a random free one. */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  /** The path exactly as on the wire (not decoded), without the query string. */
  path: string;
  /** The raw request target: path and query string. */
  url: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface MockAtlas {
  /** `http://127.0.0.1:<port>` */
  url: string;
  state: MockState;
  /** Every request received, in arrival order, recorded before auth and routing. */
  requests: RecordedRequest[];
  /** Count of requests to `/api/oauth/token`. */
  readonly tokenRequests: number;
  /** Queues a fault for the next matching request(s) to the two API endpoints. */
  inject(fault: Fault): void;
  /** Clears the recorded requests, the token request count and the queued faults. */
  reset(): void;
  close(): Promise<void>;
}

interface Route {
  operation: Operation;
  pattern: RegExp;
  params: readonly string[];
  /** Deletes the addressed resource; returns the 404 detail when something does not exist. */
  remove(state: MockState, ids: readonly string[]): string | undefined;
}

const ROUTES: readonly Route[] = [
  {
    operation: "deleteOrgInvite",
    pattern: /^\/api\/atlas\/v2\/orgs\/([^/]+)\/invites\/([^/]+)$/,
    params: ["orgId", "invitationId"],
    remove(state, [orgId = "", invitationId = ""]) {
      switch (state.deleteInvitation(orgId, invitationId)) {
        case "organization":
          return `No organization with ID ${orgId} exists.`;
        case "invitation":
          return `No pending invitation with ID ${invitationId} exists in organization ${orgId}.`;
      }
      return undefined;
    },
  },
  {
    operation: "removeOrgTeamUserFromTeam",
    pattern: /^\/api\/atlas\/v2\/orgs\/([^/]+)\/teams\/([^/]+)\/users\/([^/]+)$/,
    params: ["orgId", "teamId", "userId"],
    remove(state, [orgId = "", teamId = "", userId = ""]) {
      switch (state.removeTeamMember(orgId, teamId, userId)) {
        case "organization":
          return `No organization with ID ${orgId} exists.`;
        case "team":
          return `No team with ID ${teamId} exists in organization ${orgId}.`;
        case "user":
          return `User ${userId} is not a member of team ${teamId}.`;
      }
      return undefined;
    },
  },
];

const ID_PATTERN = /^[a-f0-9]{24}$/;

interface Flags {
  envelope: boolean;
  pretty: boolean;
}

/** Starts a mock of the two deprecated Atlas Admin API v2 endpoints and Atlas's OAuth endpoints. */
export async function startMockAtlas(options: MockAtlasOptions = {}): Promise<MockAtlas> {
  const now = options.now ?? (() => new Date());
  const requireAuth = options.requireAuth ?? true;
  const state = new MockState();
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const digest = new DigestAuth(
    new Map((options.apiKeys ?? []).map((k) => [k.publicKey, k.privateKey])),
    options.digestAlgorithms ?? ["SHA-256", "MD5"],
    options.nonceTtlMs ?? 300_000,
    now,
  );
  const oauth = new OAuthServer(
    options.serviceAccounts ?? [],
    new Set(options.bearerTokens ?? []),
    options.tokenTtlSeconds ?? 3600,
    now,
  );
  // Reported in RateLimit-* headers but not enforced: tests get 429s by injecting them, so a fast
  // test suite never trips over a limit it did not ask for.
  const apiRate = new RateWindow(API_RATE_LIMIT, 60_000, now);
  // Aborts pending fault delays so close() does not wait for them.
  const closing = new AbortController();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? "/";
    const queryStart = target.indexOf("?");
    const path = queryStart < 0 ? target : target.slice(0, queryStart);
    const query = new URLSearchParams(queryStart < 0 ? "" : target.slice(queryStart + 1));
    // Recorded before anything can refuse the request, so tests see exactly what arrived.
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      path,
      url: target,
      query: Object.fromEntries(query),
      headers: req.headers,
      body: "",
    };
    requests.push(recorded);
    recorded.body = await readBody(req);

    if (path === "/api/oauth/token") return oauth.token(req, res, recorded.body);
    if (path === "/api/oauth/revoke") return oauth.revoke(req, res, recorded.body);

    const caller = requireAuth ? authenticate(req, res, target) : "anonymous";
    if (caller === undefined) return;

    const route = ROUTES.find((r) => r.pattern.test(path));
    if (!route) {
      return sendJson(res, 404, apiError(404, "RESOURCE_NOT_FOUND", `Cannot find resource ${path}.`));
    }
    if (req.method !== "DELETE") {
      const detail = `${req.method ?? ""} is not supported on ${path}; use DELETE.`;
      return sendJson(res, 405, apiError(405, "METHOD_NOT_ALLOWED", detail), false, { Allow: "DELETE" });
    }

    const fault = faults.take(route.operation);
    if (fault && (await applyFault(fault, res, closing.signal))) return;

    const rate = apiRate.hit(caller);
    res.setHeader("RateLimit-Limit", rate.limit);
    res.setHeader("RateLimit-Remaining", rate.remaining);

    // envelope and pretty shape the operation's own answers; the auth, routing and fault answers
    // above come before the query is read.
    const flags = parseFlags(query);
    if ("error" in flags) return sendJson(res, 400, flags);
    const unversioned = versionError(req.headers.accept, now());
    if (unversioned) return reply(res, flags, unversioned);
    // RFC 8594: every answer of this deprecated resource version announces its removal date.
    res.setHeader("Sunset", SUNSET.toUTCString());

    const ids = route.pattern.exec(path)!.slice(1).map(decodeSegment);
    const invalid = route.params.filter((_, i) => !ID_PATTERN.test(ids[i] ?? ""));
    if (invalid.length > 0) return reply(res, flags, invalidIds(invalid));
    const missing = route.remove(state, ids);
    if (missing !== undefined) return reply(res, flags, apiError(404, "RESOURCE_NOT_FOUND", missing));
    reply(res, flags, undefined);
  }

  /** The caller's identity, or undefined after answering 401 with the challenge to use. */
  function authenticate(req: IncomingMessage, res: ServerResponse, target: string): string | undefined {
    const header = req.headers.authorization ?? "";
    if (/^Bearer(?:\s|$)/i.test(header)) {
      const caller = oauth.bearer(header.replace(/^Bearer\s+/i, "").trim());
      // RFC 6750 §3.1: tell a Bearer client its token is the problem, not the scheme.
      if (caller === undefined) unauthorized(res, [`Bearer realm="${REALM}", error="invalid_token"`]);
      return caller;
    }
    const result = /^Digest\s/i.test(header)
      ? digest.verify(req.method ?? "", target, header)
      : ({ ok: false, stale: false } as const);
    if (result.ok) return `apiKey:${result.username}`;
    unauthorized(res, digest.challenge(result.stale));
    return undefined;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      // A handler bug must not take the mock down, but it must not pass silently either.
      console.error("mock atlas: request handler failed", error);
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, documentedError(500));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    get tokenRequests() {
      return oauth.tokenRequests;
    },
    inject: (fault) => faults.inject(fault),
    reset() {
      requests.length = 0;
      oauth.tokenRequests = 0;
      faults.clear();
    },
    close() {
      closing.abort();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
      });
    },
  };
}

function unauthorized(res: ServerResponse, challenges: string[]): void {
  const body = apiError(401, "UNAUTHORIZED", "You are not authorized for this resource.");
  sendJson(res, 401, body, false, { "WWW-Authenticate": challenges });
}

/** `envelope` and `pretty` are booleans: anything but "true" or "false" is a bad request. */
function parseFlags(query: URLSearchParams): Flags | ApiError {
  for (const name of ["envelope", "pretty"]) {
    const bad = query.getAll(name).find((value) => value !== "true" && value !== "false");
    if (bad !== undefined) {
      const detail = `Invalid value "${bad}" for query parameter ${name}; expected true or false.`;
      return apiError(400, "VALIDATION_ERROR", detail, { parameters: [name, bad] });
    }
  }
  return { envelope: query.get("envelope") === "true", pretty: query.get("pretty") === "true" };
}

/**
 * Answers with an ApiError, or 204 when `body` is undefined. With envelope=true Atlas answers 200
 * and moves the status into the body, for clients that cannot read the status line.
 */
function reply(res: ServerResponse, flags: Flags, body: ApiError | undefined): void {
  const status = body?.error ?? 204;
  if (flags.envelope) return sendJson(res, 200, body ? { status, content: body } : { status }, flags.pretty);
  if (body) return sendJson(res, status, body, flags.pretty);
  res.writeHead(204).end();
}

function invalidIds(params: readonly string[]): ApiError {
  const rule = "must be a 24-hexadecimal digit string matching ^([a-f0-9]{24})$";
  return apiError(400, "VALIDATION_ERROR", `Invalid path parameter ${params.join(", ")}: ${rule}.`, {
    badRequestDetail: { fields: params.map((field) => ({ field, description: rule })) },
  });
}

// A malformed escape stays as is, and then fails the id pattern like any other bad id.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
