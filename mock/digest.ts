import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export type DigestAlgorithm = "MD5" | "SHA-256";

/** The realm Atlas puts in its challenge; part of HA1, so clients must echo it. */
export const REALM = "MMS Public API";

export type DigestResult = { ok: true; username: string } | { ok: false; stale: boolean };

interface Nonce {
  issuedAt: number;
  /** Highest nonce count seen, to refuse replays (RFC 7616 §3.3). */
  lastNc: number;
}

const MAC_LENGTH = 22;

const HASHES: Record<DigestAlgorithm, string> = { MD5: "md5", "SHA-256": "sha256" };

/** HTTP Digest (RFC 7616, qop=auth) with server-issued, expiring nonces. */
export class DigestAuth {
  /** Nonces not yet expired; an expired one is known by its own MAC, so none is kept for ever. */
  readonly #nonces = new Map<string, Nonce>();
  readonly #secret = randomBytes(32);

  constructor(
    readonly keys: ReadonlyMap<string, string>,
    readonly algorithms: readonly DigestAlgorithm[],
    readonly nonceTtlMs: number,
    readonly now: () => Date,
  ) {}

  /** One `WWW-Authenticate` value per offered algorithm, all with the same fresh nonce. */
  challenge(stale: boolean): string[] {
    const issuedAt = this.now().getTime();
    for (const [old, record] of this.#nonces) if (this.#expired(record.issuedAt)) this.#nonces.delete(old);
    const body = `${issuedAt.toString(36)}.${randomBytes(18).toString("base64url")}`;
    const nonce = `${body}.${this.#mac(body)}`;
    this.#nonces.set(nonce, { issuedAt, lastNc: 0 });
    return this.algorithms.map(
      (algorithm) =>
        `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=${algorithm}, qop="auth", stale=${stale}`,
    );
  }

  /** How many nonces are kept. */
  get liveNonces(): number {
    return this.#nonces.size;
  }

  #mac(body: string): string {
    return createHmac("sha256", this.#secret).update(body).digest("base64url").slice(0, MAC_LENGTH);
  }

  #expired(issuedAt: number): boolean {
    return this.now().getTime() - issuedAt > this.nonceTtlMs;
  }

  /** When this server issued `nonce`; undefined for a nonce it did not issue. */
  #issuedAt(nonce: string): number | undefined {
    const mac = nonce.slice(-MAC_LENGTH);
    const body = nonce.slice(0, -MAC_LENGTH - 1);
    if (nonce.length <= MAC_LENGTH || !sameText(this.#mac(body), mac)) return undefined;
    return Number.parseInt(body, 36);
  }

  /** Checks an `Authorization: Digest ...` header against the request's method and raw target. */
  verify(method: string, requestUri: string, header: string): DigestResult {
    const fail = { ok: false, stale: false } as const;
    const params = parseParams(header.replace(/^Digest\s+/i, ""));
    // A missing field reads as "", which no check below accepts.
    const field = (name: string) => params.get(name) ?? "";
    const username = field("username");
    const nonce = field("nonce");
    const uri = field("uri");
    const qop = field("qop");
    const nc = field("nc");
    const cnonce = field("cnonce");

    // RFC 7616 defaults a missing algorithm to MD5; "-sess" variants reuse the base hash.
    const algorithm = (params.get("algorithm") ?? "MD5").toUpperCase();
    const sess = algorithm.endsWith("-SESS");
    const base = this.algorithms.find((a) => a === (sess ? algorithm.slice(0, -"-SESS".length) : algorithm));
    const issuedAt = this.#issuedAt(nonce);
    const password = this.keys.get(username);
    // The uri must be this request's target, or a captured header could be replayed on another path.
    if (
      !base ||
      issuedAt === undefined ||
      password === undefined ||
      field("realm") !== REALM ||
      qop !== "auth" ||
      uri !== requestUri
    ) {
      return fail;
    }
    if (!/^[0-9a-f]{8}$/i.test(nc) || cnonce === "") return fail;

    const h = (s: string) => createHash(HASHES[base]).update(s).digest("hex");
    const ha1 = sess
      ? h(`${h(`${username}:${REALM}:${password}`)}:${nonce}:${cnonce}`)
      : h(`${username}:${REALM}:${password}`);
    const expected = h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${h(`${method}:${uri}`)}`);
    if (!sameText(expected, field("response").toLowerCase())) return fail;

    // stale=true only with a correct digest, so the client may retry with the new nonce without
    // asking for the password again (RFC 7616 §3.3).
    if (this.#expired(issuedAt)) return { ok: false, stale: true };
    const record = this.#nonces.get(nonce);
    const count = Number.parseInt(nc, 16);
    if (!record || count <= record.lastNc) return fail;
    record.lastNc = count;
    return { ok: true, username };
  }
}

/** Parses `name=token` / `name="quoted \" string"` pairs of an auth header (names lowercased). */
function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const m of text.matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g)) {
    params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? ""));
  }
  return params;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
