import { execFile } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthError, serviceAccountAuth } from "../../../templates/auth/service-account.js";
import type { AuthFailure } from "../../../templates/result.js";
import { call, listen, type TestServer } from "./helpers.js";

const CLIENT_ID = "mdb_sa_id_6630f1b2";
const CLIENT_SECRET = "mdb_sa_sk_s3cr\u00e9t-\u2713-value";
const request = { method: "GET", url: "https://example.invalid/api/atlas/v2" };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Seen {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  accept: string | undefined;
  body: string;
}

type TokenReply = { status: number; body: string; retryAfter?: string };

/**
 * Token, revoke and API endpoints. `reply` answers token request n; an empty 200 body issues
 * tok-n. The API accepts what setValid() allows (by default every issued token).
 */
async function oauthServer(reply: (n: number) => TokenReply = () => ({ status: 200, body: "" }), revokeStatus: (n: number) => number = () => 200) {
  const token: Seen[] = [];
  const revoke: Seen[] = [];
  const api: (string | undefined)[] = [];
  const issued: string[] = [];
  let valid: ((token: string) => boolean) | undefined;
  const server = await listen(async (req: IncomingMessage, res: ServerResponse, body) => {
    const seen: Seen = {
      path: req.url ?? "",
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      accept: req.headers.accept,
      body,
    };
    if (req.url === "/api/oauth/token") {
      token.push(seen);
      await new Promise((resolve) => setTimeout(resolve, 20)); // keeps concurrent callers waiting together
      const r = reply(token.length);
      if (r.status === 200 && r.body === "") {
        const value = `tok-${token.length}`;
        issued.push(value);
        res.setHeader("Content-Type", "application/json");
        return res.end(JSON.stringify({ access_token: value, expires_in: 3600, token_type: "Bearer" }));
      }
      res.statusCode = r.status;
      if (r.retryAfter) res.setHeader("Retry-After", r.retryAfter);
      return res.end(r.body);
    }
    if (req.url === "/api/oauth/revoke") {
      revoke.push(seen);
      res.statusCode = revokeStatus(revoke.length);
      return res.end();
    }
    api.push(req.headers.authorization);
    const bearer = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const ok = valid ? valid(bearer) : issued.includes(bearer);
    res.statusCode = ok ? 200 : 401;
    res.end(ok ? "ok" : "");
  });
  servers.push(server);
  return {
    baseUrl: server.url,
    apiUrl: `${server.url}/api/atlas/v2/orgs`,
    token,
    revoke,
    api,
    setValid: (fn: (token: string) => boolean) => {
      valid = fn;
    },
  };
}

function clock(start = 1_000_000) {
  const c = { t: start, now: () => c.t };
  return c;
}

function strategyFor(server: { baseUrl: string }, extra: Partial<Parameters<typeof serviceAccountAuth>[0]> = {}) {
  return serviceAccountAuth({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: server.baseUrl,
    fetch,
    ...extra,
  });
}

/** The failure authorize() resolves to (failing the test if it resolves to headers). */
async function authorizeError(strategy: ReturnType<typeof serviceAccountAuth>): Promise<AuthFailure> {
  const failure = await strategy.authorize(request);
  expect(failure).toMatchObject({ kind: "auth", message: expect.any(String) });
  return failure as AuthFailure;
}

function printable(value: unknown): string[] {
  return [JSON.stringify(value) ?? "", String(value), inspect(value, { showHidden: true, depth: Infinity })];
}

describe("serviceAccountAuth", () => {
  it("shares one token request among 20 concurrent cold calls", async () => {
    const server = await oauthServer();
    const strategy = strategyFor(server, { baseUrl: `${server.baseUrl}/` });
    const headers = await Promise.all(Array.from({ length: 20 }, () => strategy.authorize(request)));
    expect(headers).toEqual(Array(20).fill({ Authorization: "Bearer tok-1" }));
    expect(server.token).toHaveLength(1);
    const [seen] = server.token;
    expect(seen).toMatchObject({
      contentType: "application/x-www-form-urlencoded",
      accept: "application/json",
      body: "grant_type=client_credentials",
    });
    const basic = seen?.authorization?.match(/^Basic (.+)$/)?.[1] ?? "";
    expect(Buffer.from(basic, "base64").toString("utf8")).toBe(`${CLIENT_ID}:${CLIENT_SECRET}`);
  });

  it("uses tokenUrl when given", async () => {
    const server = await oauthServer();
    const strategy = strategyFor(server, {
      baseUrl: "http://127.0.0.1:9",
      tokenUrl: `${server.baseUrl}/api/oauth/token`,
    });
    expect(await strategy.authorize(request)).toEqual({ Authorization: "Bearer tok-1" });
  });

  // Refresh once less than min(60 s, 10% of expires_in) is left.
  it.each([
    { expiresIn: 3600, after: 3_540_000 - 1, want: 1 },
    { expiresIn: 3600, after: 3_540_000, want: 2 },
    { expiresIn: 100, after: 89_999, want: 1 },
    { expiresIn: 100, after: 90_000, want: 2 },
  ])("expires_in $expiresIn s, $after ms later: $want token request(s)", async ({ expiresIn, after, want }) => {
    const server = await oauthServer((n) => ({
      status: 200,
      body: JSON.stringify({ access_token: `tok-${n}`, expires_in: expiresIn, token_type: "bearer" }),
    }));
    const c = clock();
    const strategy = strategyFor(server, { now: c.now });
    await strategy.authorize(request);
    c.t += after;
    expect(await strategy.authorize(request)).toEqual({ Authorization: `Bearer tok-${want}` });
    expect(server.token).toHaveLength(want);
  });

  it("refreshes once when an old token is refused", async () => {
    const server = await oauthServer();
    const c = clock();
    const strategy = strategyFor(server, { now: c.now });
    expect(await strategy.onUnauthorized(new Response(null, { status: 401 }), request)).toBe(false);
    expect(await call(strategy, server.apiUrl)).toMatchObject({ status: 200, resends: 0 });
    server.setValid((t) => t === "tok-2"); // tok-1 revoked behind our back
    c.t += 10_000;
    expect(await call(strategy, server.apiUrl)).toMatchObject({ status: 200, resends: 1 });
    expect(server.api).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
    expect(server.token).toHaveLength(2);
  });

  it("does not hammer the token endpoint when fresh tokens are refused", async () => {
    const server = await oauthServer();
    server.setValid(() => false);
    const c = clock();
    const strategy = strategyFor(server, { now: c.now });
    // The first refusal refreshes once; within the cool-down later refusals are final.
    expect(await call(strategy, server.apiUrl)).toMatchObject({ status: 401, resends: 1 });
    for (let i = 0; i < 4; i++) expect(await call(strategy, server.apiUrl)).toMatchObject({ status: 401, resends: 0 });
    expect(server.token).toHaveLength(2);
    expect(server.api).toHaveLength(6);
    c.t += 6_000;
    expect(await call(strategy, server.apiUrl)).toMatchObject({ status: 401, resends: 1 });
    expect(server.token).toHaveLength(3);
  });

  it("fails with a safe AuthError and cools down before asking again", async () => {
    const server = await oauthServer((n) =>
      n === 1
        ? { status: 401, body: JSON.stringify({ error: "invalid_client", error_description: `bad ${CLIENT_SECRET}` }) }
        : { status: 200, body: "" },
    );
    const c = clock();
    const strategy = strategyFor(server, { now: c.now });
    const first = await authorizeError(strategy);
    expect(first.message).toBe("service account token request failed: HTTP 401 (invalid_client)");
    expect(first.status).toBe(401);
    c.t += 5_999;
    expect(await authorizeError(strategy)).toEqual(first);
    expect(server.token).toHaveLength(1);
    c.t += 1;
    expect(await strategy.authorize(request)).toEqual({ Authorization: "Bearer tok-2" });
    expect(server.token).toHaveLength(2);
  });

  it.each([
    { name: "a 500 page", reply: { status: 500, body: `<html>${CLIENT_SECRET}</html>` }, want: "HTTP 500" },
    {
      name: "an odd error code",
      reply: { status: 400, body: JSON.stringify({ error: `x ${CLIENT_SECRET}` }) },
      want: "HTTP 400",
    },
    { name: "bad JSON", reply: { status: 200, body: "{" }, want: "not a usable bearer token" },
    { name: "no access_token", reply: { status: 200, body: '{"expires_in":3600}' }, want: "not a usable bearer token" },
    {
      name: "a MAC token",
      reply: { status: 200, body: '{"access_token":"t","token_type":"mac"}' },
      want: "not a usable bearer token",
    },
  ])("rejects $name", async ({ reply, want }) => {
    const server = await oauthServer(() => reply);
    const error = await authorizeError(strategyFor(server));
    expect(error.message).toContain(want);
    expect(error.message).not.toContain(CLIENT_SECRET);
  });

  it("reports an unreachable token endpoint as a network error", async () => {
    const server = await oauthServer();
    await servers.pop()?.close(); // nothing listens on its port any more
    const error = await authorizeError(strategyFor(server));
    expect(error.message).toMatch(/^service account token request failed: network error/);
  });

  it("keeps using a still-valid token when its early refresh fails", async () => {
    const server = await oauthServer((n) => (n === 1 ? { status: 200, body: "" } : { status: 503, body: "" }));
    const c = clock();
    const strategy = strategyFor(server, { now: c.now });
    await strategy.authorize(request);
    c.t += 3_590_000;
    expect(await strategy.authorize(request)).toEqual({ Authorization: "Bearer tok-1" });
    expect(await strategy.authorize(request)).toEqual({ Authorization: "Bearer tok-1" });
    expect(server.token).toHaveLength(2);
    c.t += 10_000;
    expect((await authorizeError(strategy)).status).toBe(503);
  });

  it("revokes the token on close, once; closed, it gets no token a later close would have to revoke", async () => {
    const unused = strategyFor(await oauthServer());
    await unused.close();
    const server = await oauthServer();
    const strategy = strategyFor(server);
    await strategy.authorize(request);
    await Promise.all([strategy.close(), strategy.close()]);
    await strategy.close();
    expect(server.revoke).toHaveLength(1);
    const [seen] = server.revoke;
    expect(seen).toMatchObject({
      contentType: "application/x-www-form-urlencoded",
      body: "token=tok-1&token_type_hint=access_token",
    });
    expect(seen?.authorization).toBe(server.token[0]?.authorization);
    // A call still in flight when the token was revoked gets its 401 as it is, and later calls nothing.
    expect(await strategy.onUnauthorized(new Response(null, { status: 401 }), request)).toBe(false);
    expect(await strategy.authorize(request)).toEqual({ kind: "auth", message: "service account client is closed" });
    expect(server.token).toHaveLength(1);
  });

  it("closed while its token was on its way, a call gets no token (close() revokes that one)", async () => {
    const server = await oauthServer();
    const strategy = strategyFor(server);
    const pending = strategy.authorize(request);
    const closed = strategy.close();
    expect(await pending).toEqual({ kind: "auth", message: "service account client is closed" });
    await closed;
    expect(server.revoke.map((r) => r.body)).toEqual(["token=tok-1&token_type_hint=access_token"]);
  });

  it("a revocation that fails keeps the token, so close() can try again (RFC 7009 §2.2.1)", async () => {
    const server = await oauthServer(undefined, (n) => (n === 1 ? 503 : 200));
    const strategy = strategyFor(server);
    await strategy.authorize(request);
    await expect(strategy.close()).rejects.toThrow("service account token revocation failed: HTTP 503");
    await strategy.close();
    expect(server.revoke.map((r) => r.body)).toEqual(Array(2).fill("token=tok-1&token_type_hint=access_token"));
    await strategy.close();
    expect(server.revoke).toHaveLength(2);
  });

  it("a token request that never ends (a fetch ignoring its signal) fails after 30 s, and holds neither later calls nor close()", async () => {
    vi.useFakeTimers();
    try {
      let requests = 0;
      const hanging = (() => (requests++, new Promise<Response>(() => {}))) as unknown as typeof fetch;
      const strategy = serviceAccountAuth({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl: "https://example.invalid", fetch: hanging });
      const first = strategy.authorize(request);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(await first).toEqual({ kind: "auth", message: "service account token request failed: timed out" });
      await vi.advanceTimersByTimeAsync(6_000);
      const second = strategy.authorize(request);
      const closed = strategy.close();
      await vi.advanceTimersByTimeAsync(30_000);
      expect(await second).toMatchObject({ kind: "auth", message: "service account token request failed: timed out" });
      await expect(closed).resolves.toBeUndefined();
      expect(requests).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("a token request left hanging (a fetch ignoring its signal, a caller that gave up) does not keep the process alive", async () => {
    const script = `import { serviceAccountAuth } from "./templates/auth/service-account.ts";
      const strategy = serviceAccountAuth({ clientId: "i", clientSecret: "s", baseUrl: "https://example.invalid", fetch: () => new Promise(() => {}) });
      void strategy.authorize({ method: "GET", url: "https://example.invalid/" });`;
    // Exits at once when nothing but the token request's 30 s timer is left; killed after 20 s otherwise.
    const code = await new Promise<number | null>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { timeout: 20_000 }, (error) => resolve(error ? (error.killed ? null : Number(error.code)) : 0));
    });
    expect(code).toBe(0);
  }, 30_000);

  it("waits as the token endpoint's Retry-After says, and longer after each failure in a row", async () => {
    // A Retry-After of decades is capped like the doubling: the client asks again after 5 min.
    for (const [status, retryAfter, waitMs] of [[429, "60", 60_000], [503, "999999999", 300_000]] as const) {
      const server = await oauthServer(() => ({ status, body: "", retryAfter }));
      const c = clock();
      const strategy = strategyFor(server, { now: c.now });
      expect((await authorizeError(strategy)).status).toBe(status);
      c.t += waitMs - 1;
      await authorizeError(strategy);
      expect(server.token).toHaveLength(1);
      c.t += 1;
      await authorizeError(strategy);
      expect(server.token).toHaveLength(2);
    }

    // A wrong secret: 6 s, then 12 s, then 24 s, not every 6 s (Atlas allows 10 token requests a minute).
    const refusing = await oauthServer(() => ({ status: 401, body: JSON.stringify({ error: "invalid_client" }) }));
    const d = clock();
    const wrong = strategyFor(refusing, { now: d.now });
    const asked: number[] = [];
    for (let second = 0; second <= 50; second++) {
      d.t = 1_000_000 + second * 1000;
      const before = refusing.token.length;
      await authorizeError(wrong);
      if (refusing.token.length > before) asked.push(second);
    }
    expect(asked).toEqual([0, 6, 18, 42]);
  });

  it("never shows the secret or a token in errors or the strategy", async () => {
    const errors: unknown[] = [];
    const failing = await oauthServer(() => ({
      status: 400,
      body: JSON.stringify({ error: "invalid_request", token: "tok-1" }),
    }));
    errors.push(await authorizeError(strategyFor(failing)));
    const server = await oauthServer();
    const strategy = strategyFor(server, { revokeUrl: "http://127.0.0.1:9/revoke" });
    await strategy.authorize(request);
    errors.push(
      await strategy.close().then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(errors[1]).toBeInstanceOf(AuthError);
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64");
    for (const value of [...errors, strategy]) {
      for (const text of printable(value)) {
        for (const secret of [CLIENT_SECRET, basic, "tok-1"]) expect(text).not.toContain(secret);
      }
    }
  });
});
