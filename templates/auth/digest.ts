/**
 * HTTP Digest access authentication (RFC 7616), used by Atlas programmatic API keys.
 * Its own module because it needs `node:crypto` (WebCrypto has no MD5 and is async only).
 */
import { createHash, randomBytes } from "node:crypto";
import type { AuthFailure } from "../result.js";
import type { AuthRequest, AuthStrategy } from "./strategy.js";

export interface DigestOptions {
  publicKey: string;
  privateKey: string;
}

interface Challenge {
  realm: string;
  nonce: string;
  opaque: string | undefined;
  /** As echoed back: MD5, MD5-sess, SHA-256, SHA-256-sess. */
  algorithm: string;
  hash: "md5" | "sha256";
  sess: boolean;
  qop: boolean;
  stale: boolean;
  /** RFC 7616 §3.4.4: the username is sent hashed with the realm. */
  userhash: boolean;
}

const ALGORITHMS: Record<string, Pick<Challenge, "algorithm" | "hash" | "sess">> = {
  MD5: { algorithm: "MD5", hash: "md5", sess: false },
  "MD5-SESS": { algorithm: "MD5-sess", hash: "md5", sess: true },
  "SHA-256": { algorithm: "SHA-256", hash: "sha256", sess: false },
  "SHA-256-SESS": { algorithm: "SHA-256-sess", hash: "sha256", sess: true },
};

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
/** A token68 credential after a scheme (`Negotiate a/b+c=`), up to the next comma (RFC 9110 §11.3). */
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*(?=[ \t]*(,|$))/y;

/**
 * Splits a `WWW-Authenticate` value into challenges. Several headers arrive joined by ", ", so a
 * comma separates both parameters and challenges: a token followed by "=" is a parameter of the
 * current challenge, any other token starts a new one. Quoted strings may contain commas.
 */
export function parseChallenges(header: string): { scheme: string; params: Map<string, string> }[] {
  const challenges: { scheme: string; params: Map<string, string> }[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < header.length && /[ \t]/.test(header[i] ?? "")) i++;
  };
  while (i < header.length) {
    if (/[ \t,]/.test(header[i] ?? "")) {
      i++;
      continue;
    }
    TOKEN.lastIndex = i;
    const name = TOKEN.exec(header)?.[0];
    if (name === undefined) {
      i++; // not a token: skip the stray character
      continue;
    }
    i += name.length;
    skipSpace();
    const current = challenges.at(-1);
    if (header[i] !== "=" || current === undefined) {
      challenges.push({ scheme: name.toLowerCase(), params: new Map() });
      TOKEN68.lastIndex = i;
      i += TOKEN68.exec(header)?.[0].length ?? 0;
      continue;
    }
    i++;
    skipSpace();
    let value = "";
    if (header[i] === '"') {
      for (i++; i < header.length && header[i] !== '"'; i++) {
        if (header[i] === "\\") i++;
        value += header[i] ?? "";
      }
      i++;
    } else {
      TOKEN.lastIndex = i;
      value = TOKEN.exec(header)?.[0] ?? "";
      i += value.length;
    }
    current.params.set(name.toLowerCase(), value);
  }
  return challenges;
}

/** The strongest Digest challenge we can answer: SHA-256 before MD5; qop=auth or none. */
function pickChallenge(header: string | null): Challenge | undefined {
  let best: Challenge | undefined;
  for (const { scheme, params } of parseChallenges(header ?? "")) {
    const realm = params.get("realm");
    const nonce = params.get("nonce");
    const algorithm = ALGORITHMS[(params.get("algorithm") ?? "MD5").toUpperCase()];
    const qops = (params.get("qop") ?? "")
      .split(",")
      .map((q) => q.trim().toLowerCase())
      .filter(Boolean);
    const qop = qops.includes("auth");
    // auth-int would need the body, which a scheme never sees; -sess needs a cnonce, i.e. qop.
    if (scheme !== "digest" || realm === undefined || !nonce || !algorithm || (qops.length > 0 && !qop)) continue;
    if (algorithm.sess && !qop) continue;
    const stale = params.get("stale")?.toLowerCase() === "true";
    const userhash = params.get("userhash")?.toLowerCase() === "true";
    const candidate: Challenge = { realm, nonce, opaque: params.get("opaque"), ...algorithm, qop, stale, userhash };
    if (!best || (best.hash === "md5" && candidate.hash === "sha256")) best = candidate;
  }
  return best;
}

const quote = (value: string) => `"${value.replace(/[\\"]/g, "\\$&")}"`;

/** fetch throws on a header value with CR, LF, NUL or characters beyond Latin-1, quoting the whole value. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

// fetch upper-cases only these methods; the digest must hash the method exactly as sent.
const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);

export function digestAuth(options: DigestOptions): AuthStrategy {
  // Secrets stay in this closure: the returned object has only methods.
  const { publicKey, privateKey } = options;
  let current: Challenge | undefined;
  let nc = 0;
  // Calls whose latest attempt went without credentials (before the first challenge). The loop
  // passes one AuthRequest for all attempts of a call, so a 401 is matched to its own call.
  const unauthenticated = new WeakSet<AuthRequest>();

  function header(c: Challenge, count: number, request: AuthRequest): string {
    const h = (text: string) => createHash(c.hash).update(text, "utf8").digest("hex");
    const url = new URL(request.url);
    const uri = url.pathname + url.search;
    const upper = request.method.toUpperCase();
    const method = NORMALIZED_METHODS.has(upper) ? upper : request.method;
    const ncHex = count.toString(16).padStart(8, "0");
    const cnonce = randomBytes(16).toString("hex");
    let ha1 = h(`${publicKey}:${c.realm}:${privateKey}`);
    // With each request's cnonce, as curl and http-auth compute it (RFC 7616 §3.4.2 can be read
    // either way; a server keeping the first one's would refuse warm calls).
    if (c.sess) ha1 = h(`${ha1}:${c.nonce}:${cnonce}`);
    const ha2 = h(`${method}:${uri}`);
    const response = c.qop ? h(`${ha1}:${c.nonce}:${ncHex}:${cnonce}:auth:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
    const parts = [
      `username=${quote(c.userhash ? h(`${publicKey}:${c.realm}`) : publicKey)}`,
      `realm=${quote(c.realm)}`,
      `nonce=${quote(c.nonce)}`,
      `uri=${quote(uri)}`,
      `algorithm=${c.algorithm}`,
      `response="${response}"`,
    ];
    if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
    if (c.qop) parts.push("qop=auth", `nc=${ncHex}`, `cnonce="${cnonce}"`);
    if (c.userhash) parts.push("userhash=true");
    return `Digest ${parts.join(", ")}`;
  }

  return {
    maxReauth: 2,

    async authorize(request): Promise<Record<string, string> | AuthFailure> {
      if (!current) {
        unauthenticated.add(request);
        return {};
      }
      unauthenticated.delete(request);
      // Incremented synchronously, so parallel calls on one nonce never share a count.
      nc++;
      const value = header(current, nc, request);
      // Refused here, not by fetch, whose error would quote the header (and be retried as a network error).
      if (!HEADER_VALUE.test(value)) return { kind: "auth", message: "digest publicKey or the server's challenge cannot be sent in a header (line breaks or characters beyond Latin-1)" };
      return { Authorization: value };
    },

    async onUnauthorized(response, request) {
      const challenge = pickChallenge(response.headers.get("www-authenticate"));
      if (!challenge) return false;
      const firstChallenge = !challenge.stale && unauthenticated.delete(request);
      // Parallel 401s may repeat the nonce in use; restarting its count would replay nc values.
      if (challenge.nonce !== current?.nonce) nc = 0;
      current = challenge;
      // Not stale after we sent credentials: the key is wrong; asking again would only loop.
      return challenge.stale || firstChallenge;
    },
  };
}
