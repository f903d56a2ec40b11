/** Test helpers: raw HTTP on 127.0.0.1 and an independent HTTP Digest client (RFC 7616). */
import { createHash, randomBytes } from "node:crypto";
import { request, type IncomingHttpHeaders } from "node:http";
import type { MockState } from "../../mock/atlas.js";

export const V2023 = "application/vnd.atlas.2023-01-01+json";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every `WWW-Authenticate` header line, unjoined. */
  challenges: string[];
  body: string;
}

export interface SendInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * Sends one request with `path` written verbatim on the request line (fetch would normalise it),
 * on a fresh connection so a fault that kills a socket cannot leak into the next test.
 */
export function send(baseUrl: string, path: string, init: SendInit = {}): Promise<Reply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: init.method ?? "DELETE", headers: init.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            challenges: res.headersDistinct["www-authenticate"] ?? [],
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

export interface Seed {
  orgId: string;
  invitationId: string;
  teamId: string;
  userId: string;
}

export function seed(state: MockState): Seed {
  const orgId = state.addOrg();
  const teamId = state.addTeam(orgId);
  return { orgId, invitationId: state.addInvitation(orgId), teamId, userId: state.addTeamMember(orgId, teamId) };
}

export const INVITE = "/api/atlas/v2/orgs/{orgId}/invites/{invitationId}";
export const MEMBER = "/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}";

/** Replaces `{orgId}`, `{invitationId}`, `{teamId}`, `{userId}` in a path template with seeded ids. */
export function fill(template: string, ids: Seed): string {
  return template.replace(/\{(orgId|invitationId|teamId|userId)\}/g, (_, name: keyof Seed) => ids[name]);
}

/** The auth-params of one challenge, e.g. `Digest realm="x", nonce="y"` → { realm: "x", nonce: "y" }. */
export function challengeParams(challenge: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of challenge.replace(/^Digest\s+/i, "").matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) {
    params[m[1]!] = m[2] ?? m[3] ?? "";
  }
  return params;
}

export interface DigestInput {
  username: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  realm?: string;
  algorithm?: "MD5" | "SHA-256" | "MD5-sess" | "SHA-256-sess";
  nc?: number;
  cnonce?: string;
}

/** An `Authorization: Digest` value with qop=auth, computed from first principles. */
export function digestAuthorization(d: DigestInput): string {
  const algorithm = d.algorithm ?? "MD5";
  const realm = d.realm ?? "MMS Public API";
  const nc = (d.nc ?? 1).toString(16).padStart(8, "0");
  const cnonce = d.cnonce ?? randomBytes(8).toString("hex");
  const h = (s: string) =>
    createHash(algorithm.startsWith("SHA-256") ? "sha256" : "md5")
      .update(s)
      .digest("hex");
  let ha1 = h(`${d.username}:${realm}:${d.password}`);
  if (algorithm.endsWith("-sess")) ha1 = h(`${ha1}:${d.nonce}:${cnonce}`);
  const response = h(`${ha1}:${d.nonce}:${nc}:${cnonce}:auth:${h(`${d.method}:${d.uri}`)}`);
  return (
    `Digest username="${d.username}", realm="${realm}", nonce="${d.nonce}", uri="${d.uri}", ` +
    `algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`
  );
}

/** A mutable clock to inject as `now`. */
export function clock(start: string) {
  let current = new Date(start);
  return {
    now: () => current,
    set: (iso: string) => void (current = new Date(iso)),
    advance: (ms: number) => void (current = new Date(current.getTime() + ms)),
  };
}
