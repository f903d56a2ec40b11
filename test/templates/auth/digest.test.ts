import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import auth from "http-auth";
import { afterEach, describe, expect, it } from "vitest";
import { digestAuth, parseChallenges } from "../../../templates/auth/digest.js";
import { call, headersOf, listen, type TestServer } from "./helpers.js";

const PUBLIC_KEY = "abcdefgh";
const PRIVATE_KEY = "0f9a6c1e-5b7d-4c2a-9e8f-private-key";
const md5 = (text: string) => createHash("md5").update(text).digest("hex");

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** http-auth 4.2.1 as the server. It implements MD5 and MD5-sess only, with qop=auth or none. */
async function httpAuthServer(options: { algorithm?: "MD5" | "MD5-sess"; qop?: "auth" | "none" } = {}) {
  const realm = "MMS Public API";
  const digest = auth.digest({ realm, ...options }, (username, callback) =>
    callback(username === PUBLIC_KEY ? md5(`${PUBLIC_KEY}:${realm}:${PRIVATE_KEY}`) : md5("nobody")),
  );
  const seen: (string | undefined)[] = [];
  const handle = digest.check((_req, res) => res.end("ok"));
  const server = await listen((req, res) => {
    seen.push(req.headers.authorization);
    handle(req, res);
  });
  servers.push(server);
  return { url: `${server.url}/api/atlas/v2/groups/5f0a/clusters?pretty=true`, seen, digest };
}

/** Authorization parameters, parsed here independently of the module under test. */
function parseAuthorization(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of header.replace(/^Digest\s+/i, "").matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[m[1] ?? ""] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
  }
  return params;
}

/**
 * A small RFC 7616 server: offers MD5 and SHA-256 challenges in two headers, a realm and opaque
 * with commas, qop="auth,auth-int"; rejects replayed (nonce, nc) pairs and, after expire(), old
 * nonces with stale=true.
 */
async function rfc7616Server(options: { fixedNonce?: boolean } = {}) {
  const realm = "Atlas, Inc.";
  const opaque = "op,aque";
  const fixed = randomBytes(8).toString("hex");
  const live = new Set<string>();
  const used = new Set<string>();
  const accepted: Record<string, string>[] = [];
  let requests = 0;
  const challenge = (res: ServerResponse, stale: boolean) => {
    const nonce = options.fixedNonce ? fixed : randomBytes(8).toString("hex");
    live.add(nonce);
    const common = `realm="${realm}", nonce="${nonce}", opaque="${opaque}", qop="auth,auth-int"${stale ? ", stale=true" : ""}`;
    res.setHeader("WWW-Authenticate", [`Digest ${common}, algorithm=MD5`, `Digest ${common}, algorithm=SHA-256`]);
    res.statusCode = 401;
    res.end();
  };
  const server = await listen((req: IncomingMessage, res) => {
    requests++;
    const header = req.headers.authorization;
    if (!header) return challenge(res, false);
    const p = parseAuthorization(header);
    const { nonce = "", nc = "", cnonce = "", uri = "" } = p;
    if (!live.has(nonce)) return challenge(res, true);
    const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
    const ha1 = sha256(`${PUBLIC_KEY}:${realm}:${PRIVATE_KEY}`);
    const ha2 = sha256(`${req.method}:${uri}`);
    const expected = sha256(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
    const valid =
      p["algorithm"] === "SHA-256" &&
      p["username"] === PUBLIC_KEY &&
      p["realm"] === realm &&
      p["opaque"] === opaque &&
      p["qop"] === "auth" &&
      /^[0-9a-f]{8}$/.test(nc) &&
      cnonce.length > 0 &&
      uri === req.url &&
      !used.has(`${nonce}:${nc}`) &&
      p["response"] === expected;
    if (!valid) return challenge(res, false);
    used.add(`${nonce}:${nc}`);
    accepted.push(p);
    res.end("ok");
  });
  servers.push(server);
  return {
    url: `${server.url}/api/atlas/v2/groups/5f0a/alerts?itemsPerPage=5&status=OPEN,CLOSED`,
    accepted,
    requests: () => requests,
    expire: () => live.clear(),
  };
}

const unauthorized = (...challenges: string[]) => {
  const headers = new Headers();
  for (const c of challenges) headers.append("WWW-Authenticate", c);
  return new Response(null, { status: 401, headers });
};

describe("parseChallenges", () => {
  const cases: { given: string; want: { scheme: string; params: Record<string, string> }[] }[] = [
    { given: "", want: [] },
    {
      given: 'Digest realm="a, b", nonce="n\\"1", qop="auth,auth-int", algorithm=SHA-256',
      want: [{ scheme: "digest", params: { realm: "a, b", nonce: 'n"1', qop: "auth,auth-int", algorithm: "SHA-256" } }],
    },
    {
      given: 'Digest realm="r", nonce="x", algorithm=SHA-256, Digest realm="r", nonce="y", algorithm=MD5',
      want: [
        { scheme: "digest", params: { realm: "r", nonce: "x", algorithm: "SHA-256" } },
        { scheme: "digest", params: { realm: "r", nonce: "y", algorithm: "MD5" } },
      ],
    },
    {
      given: 'Bearer realm="api", error="invalid_token", DIGEST Realm = "r" , Nonce=abc',
      want: [
        { scheme: "bearer", params: { realm: "api", error: "invalid_token" } },
        { scheme: "digest", params: { realm: "r", nonce: "abc" } },
      ],
    },
    {
      // A token68 credential is no parameter name (RFC 9110 §11.3).
      given: 'Negotiate a/b+c=, NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==, Digest realm="r", nonce="n"',
      want: [
        { scheme: "negotiate", params: {} },
        { scheme: "ntlm", params: {} },
        { scheme: "digest", params: { realm: "r", nonce: "n" } },
      ],
    },
  ];
  it.each(cases)("parses $given", ({ given, want }) => {
    expect(parseChallenges(given).map((c) => ({ scheme: c.scheme, params: Object.fromEntries(c.params) }))).toEqual(
      want,
    );
  });
});

describe("digestAuth against http-auth", () => {
  it.each([{}, { algorithm: "MD5-sess" as const }, { qop: "none" as const }])(
    "takes 2 round trips cold and 1 warm (%o)",
    async (options) => {
      const server = await httpAuthServer(options);
      const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
      expect(await call(strategy, server.url)).toMatchObject({ status: 200, resends: 1 });
      expect(server.seen).toHaveLength(2);
      expect(server.seen[0]).toBeUndefined();
      for (let i = 0; i < 3; i++)
        expect(await call(strategy, server.url, { method: "delete" })).toMatchObject({ status: 200 });
      expect(server.seen).toHaveLength(5);
      if (options.qop !== "none") {
        expect(server.seen.slice(1).map((h) => parseAuthorization(h ?? "")["nc"])).toEqual([
          "00000001",
          "00000002",
          "00000003",
          "00000004",
        ]);
      }
    },
  );

  it("gives up after one challenge when the private key is wrong", async () => {
    const server = await httpAuthServer();
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: "wrong" });
    expect(await call(strategy, server.url, { maxResends: 10 })).toMatchObject({ status: 401, resends: 1 });
    expect(server.seen).toHaveLength(2);
    expect(await call(strategy, server.url, { maxResends: 10 })).toMatchObject({ status: 401, resends: 0 });
    expect(server.seen).toHaveLength(3);
  });

  it("re-authenticates transparently when http-auth reports the nonce stale", async () => {
    const server = await httpAuthServer();
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    await call(strategy, server.url);
    server.digest.nonces.length = 0; // forget every nonce: the next one is answered stale="true"
    expect(await call(strategy, server.url)).toMatchObject({ status: 200, resends: 1 });
    expect(server.seen).toHaveLength(4);
    expect(parseAuthorization(server.seen[3] ?? "")["nc"]).toBe("00000001");
  });
});

describe("digestAuth against an RFC 7616 server", () => {
  it("prefers SHA-256, echoes opaque and signs the path with its query", async () => {
    const server = await rfc7616Server();
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    expect(await call(strategy, server.url)).toMatchObject({ status: 200, resends: 1 });
    expect(await call(strategy, server.url, { method: "POST" })).toMatchObject({ status: 200, resends: 0 });
    expect(server.requests()).toBe(3);
    expect(server.accepted.map((p) => [p["algorithm"], p["nc"], p["uri"]])).toEqual([
      ["SHA-256", "00000001", "/api/atlas/v2/groups/5f0a/alerts?itemsPerPage=5&status=OPEN,CLOSED"],
      ["SHA-256", "00000002", "/api/atlas/v2/groups/5f0a/alerts?itemsPerPage=5&status=OPEN,CLOSED"],
    ]);
  });

  it("answers stale=true with the new nonce and nc reset", async () => {
    const server = await rfc7616Server();
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    await call(strategy, server.url);
    await call(strategy, server.url);
    server.expire();
    expect(await call(strategy, server.url)).toMatchObject({ status: 200, resends: 1 });
    expect(server.requests()).toBe(5);
    expect(server.accepted.at(-1)?.["nc"]).toBe("00000001");
    expect(server.accepted.at(-1)?.["nonce"]).not.toBe(server.accepted[0]?.["nonce"]);
  });

  it.each([{ fixedNonce: false }, { fixedNonce: true }])(
    "gives parallel calls distinct nc values, cold and warm (%o)",
    async (options) => {
      const server = await rfc7616Server(options);
      const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
      const cold = await Promise.all(Array.from({ length: 5 }, () => call(strategy, server.url)));
      expect(cold.map((r) => r.status)).toEqual(Array(5).fill(200));
      expect(server.requests()).toBe(10);
      const warm = await Promise.all(Array.from({ length: 20 }, () => call(strategy, server.url)));
      expect(warm.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(server.requests()).toBe(30);
      const pairs = server.accepted.map((p) => `${p["nonce"]}:${p["nc"]}`);
      expect(new Set(pairs).size).toBe(25);
    },
  );
});

describe("digestAuth state machine", () => {
  const request = { method: "GET", url: "https://cloud.mongodb.com/api/atlas/v2?x=1" };
  const nc = (headers: Record<string, string>) => parseAuthorization(headers["Authorization"] ?? "")["nc"];

  it("does not restart nc when parallel 401s repeat the nonce in use", async () => {
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    const challenge = 'Digest realm="r", nonce="same", qop="auth", algorithm=SHA-256';
    // Two calls: each has its own AuthRequest, shared by its attempts.
    const [first, second] = [{ ...request }, { ...request }];
    expect(await strategy.authorize(first)).toEqual({});
    expect(await strategy.authorize(second)).toEqual({});
    expect(await strategy.onUnauthorized(unauthorized(challenge), first)).toBe(true);
    expect(nc(headersOf(await strategy.authorize(first)))).toBe("00000001");
    expect(await strategy.onUnauthorized(unauthorized(challenge), second)).toBe(true);
    expect(nc(headersOf(await strategy.authorize(second)))).toBe("00000002");
    // Credentials were sent for every attempt now: a plain re-challenge means a wrong key.
    expect(await strategy.onUnauthorized(unauthorized(challenge), first)).toBe(false);
    expect(await strategy.onUnauthorized(unauthorized(`${challenge}, stale=true`), first)).toBe(true);
  });

  it("a credential-less attempt answered by anything but a 401 earns its call no extra attempt", async () => {
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    const challenge = 'Digest realm="r", nonce="n", qop="auth"';
    const [cold, later] = [{ ...request }, { ...request }];
    // The cold call's first attempt got a 503 and was retried, still without credentials.
    expect(await strategy.authorize(cold)).toEqual({});
    expect(await strategy.authorize(cold)).toEqual({});
    expect(await strategy.onUnauthorized(unauthorized(challenge), cold)).toBe(true);
    expect(headersOf(await strategy.authorize(cold)).Authorization).toMatch(/^Digest /);
    // Signed and challenged again: the key is wrong, for this call and the next.
    expect(await strategy.onUnauthorized(unauthorized(challenge), cold)).toBe(false);
    await strategy.authorize(later);
    expect(await strategy.onUnauthorized(unauthorized(challenge), later)).toBe(false);
  });

  it.each([
    ["no header", []],
    ["Basic only", ['Basic realm="r"']],
    ["auth-int only", ['Digest realm="r", nonce="n", qop="auth-int"']],
    ["unknown algorithm", ['Digest realm="r", nonce="n", qop="auth", algorithm=SHA-512-256']],
    ["no nonce", ['Digest realm="r", qop="auth"']],
  ])("declines a challenge it cannot answer: %s", async (_name, challenges) => {
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    await strategy.authorize(request);
    expect(await strategy.onUnauthorized(unauthorized(...challenges), request)).toBe(false);
    expect(await strategy.authorize(request)).toEqual({});
  });

  it("answers an RFC 2069 challenge (no qop) without nc or cnonce", async () => {
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    await strategy.authorize(request);
    await strategy.onUnauthorized(unauthorized('Digest realm="r", nonce="n"'), request);
    const p = parseAuthorization(headersOf(await strategy.authorize(request))["Authorization"] ?? "");
    const expected = md5(`${md5(`${PUBLIC_KEY}:r:${PRIVATE_KEY}`)}:n:${md5("GET:/api/atlas/v2?x=1")}`);
    expect(p).toEqual({
      username: PUBLIC_KEY,
      realm: "r",
      nonce: "n",
      uri: "/api/atlas/v2?x=1",
      algorithm: "MD5",
      response: expected,
    });
  });

  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

  it("userhash=true: the username is sent as H(username:realm), with userhash=true (RFC 7616 §3.4.4)", async () => {
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    await strategy.authorize(request);
    await strategy.onUnauthorized(unauthorized('Digest realm="r", nonce="n", qop="auth", algorithm=SHA-256, userhash=true'), request);
    const p = parseAuthorization(headersOf(await strategy.authorize(request))["Authorization"] ?? "");
    expect(p).toMatchObject({ username: sha256(`${PUBLIC_KEY}:r`), userhash: "true" });
    const ha1 = sha256(`${PUBLIC_KEY}:r:${PRIVATE_KEY}`);
    expect(p["response"]).toBe(sha256(`${ha1}:n:${p["nc"]}:${p["cnonce"]}:auth:${sha256("GET:/api/atlas/v2?x=1")}`));
  });

  it("a publicKey that cannot go in a header is an auth failure, not fetch's error quoting the header", async () => {
    const strategy = digestAuth({ publicKey: "abc\r\nX-Injected: 1", privateKey: PRIVATE_KEY });
    await strategy.authorize(request);
    await strategy.onUnauthorized(unauthorized('Digest realm="r", nonce="n", qop="auth"'), request);
    expect(await strategy.authorize(request)).toEqual({
      kind: "auth",
      message: "digest publicKey or the server's challenge cannot be sent in a header (line breaks or characters beyond Latin-1)",
    });
  });

  it("keeps the private key out of anything printable", async () => {
    const strategy = digestAuth({ publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY });
    await strategy.authorize(request);
    await strategy.onUnauthorized(unauthorized('Digest realm="r", nonce="n", qop="auth"'), request);
    const headers = await strategy.authorize(request);
    for (const text of [
      JSON.stringify(strategy),
      String(strategy),
      inspect(strategy, { showHidden: true, depth: Infinity }),
      JSON.stringify(headers),
    ]) {
      expect(text).not.toContain(PRIVATE_KEY);
      expect(text).not.toContain(md5(`${PUBLIC_KEY}:r:${PRIVATE_KEY}`));
    }
  });
});
