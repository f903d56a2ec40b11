import { afterEach, describe, expect, test } from "vitest";
import { startMockAtlas, type MockAtlas, type MockAtlasOptions } from "../../mock/atlas.js";
import { clock, fill, INVITE, MEMBER, seed, send, V2023, type Seed } from "./http.js";

const SA = { clientId: "mdb_sa_id_0123", clientSecret: "mdb_sa_sk_secret" };
const OTHER_SA = { clientId: "mdb_sa_id_4567", clientSecret: "mdb_sa_sk_other" };
const FORM = "application/x-www-form-urlencoded";

let atlas: MockAtlas;
let ids: Seed;
const time = clock("2026-05-01T00:00:00Z");

async function start(options: MockAtlasOptions = {}): Promise<void> {
  time.set("2026-05-01T00:00:00Z");
  atlas = await startMockAtlas({ serviceAccounts: [SA, OTHER_SA], now: time.now, ...options });
  ids = seed(atlas.state);
}
afterEach(() => atlas.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function tokenRequest(init: { authorization?: string; contentType?: string; body?: string; method?: string } = {}) {
  const headers: Record<string, string> = { Accept: "application/json" };
  const authorization = "authorization" in init ? init.authorization : basic(SA.clientId, SA.clientSecret);
  if (authorization !== undefined) headers.Authorization = authorization;
  headers["Content-Type"] = init.contentType ?? FORM;
  return send(atlas.url, "/api/oauth/token", {
    method: init.method ?? "POST",
    headers,
    body: init.body ?? "grant_type=client_credentials",
  });
}

async function fetchToken(account = SA): Promise<string> {
  const reply = await tokenRequest({ authorization: basic(account.clientId, account.clientSecret) });
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body) as { access_token: string }).access_token;
}

const withBearer = (token: string, template = INVITE) =>
  send(atlas.url, fill(template, ids), { headers: { Accept: V2023, Authorization: `Bearer ${token}` } });

describe("token endpoint", () => {
  test("issues a Bearer token for valid client credentials", async () => {
    await start();
    const reply = await tokenRequest();
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(reply.headers["cache-control"]).toBe("no-store");
    const body = JSON.parse(reply.body) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.stringMatching(/^\S{20,}$/), expires_in: 3600, token_type: "Bearer" });
    expect(atlas.tokenRequests).toBe(1);
  });

  test.each([
    { given: { authorization: basic(SA.clientId, "wrong") }, want: { status: 401, error: "invalid_client" } },
    {
      given: { authorization: basic("mdb_sa_id_unknown", SA.clientSecret) },
      want: { status: 401, error: "invalid_client" },
    },
    { given: { authorization: basic(SA.clientSecret, SA.clientId) }, want: { status: 401, error: "invalid_client" } },
    { given: { authorization: undefined }, want: { status: 401, error: "invalid_client" } },
    { given: { authorization: `Bearer ${SA.clientSecret}` }, want: { status: 401, error: "invalid_client" } },
    { given: { authorization: "Basic !!!" }, want: { status: 401, error: "invalid_client" } },
    {
      given: { body: "grant_type=password&username=a&password=b" },
      want: { status: 400, error: "unsupported_grant_type" },
    },
    { given: { body: "grant_type=authorization_code" }, want: { status: 400, error: "unsupported_grant_type" } },
    { given: { body: "" }, want: { status: 400, error: "invalid_request" } },
    {
      given: { contentType: "application/json", body: '{"grant_type":"client_credentials"}' },
      want: { status: 400, error: "invalid_request" },
    },
    { given: { method: "GET", body: "" }, want: { status: 405, error: "invalid_request" } },
  ])("$given → $want.status $want.error", async ({ given, want }) => {
    await start();
    const reply = await tokenRequest(given);
    expect(reply.status).toBe(want.status);
    expect(JSON.parse(reply.body)).toEqual({ error: want.error });
    if (want.status === 401) expect(reply.headers["www-authenticate"]).toMatch(/^Basic /);
    expect(atlas.tokenRequests).toBe(1);
  });

  test("accepts a charset on the form content type", async () => {
    await start();
    expect((await tokenRequest({ contentType: `${FORM}; charset=UTF-8` })).status).toBe(200);
  });

  test("tokenTtlSeconds sets expires_in", async () => {
    await start({ tokenTtlSeconds: 60 });
    const reply = await tokenRequest();
    expect(JSON.parse(reply.body)).toMatchObject({ expires_in: 60 });
  });

  test("reset() zeroes the token request count", async () => {
    await start();
    await fetchToken();
    atlas.reset();
    expect(atlas.tokenRequests).toBe(0);
  });
});

describe("token rate limit: 10 per minute per client", () => {
  test("the 11th request in a minute is a 429 with Retry-After; other clients are unaffected", async () => {
    await start();
    for (let i = 0; i < 10; i += 1) {
      expect((await tokenRequest()).status).toBe(200);
      time.advance(1_000);
    }
    const limited = await tokenRequest();
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("50");
    expect(JSON.parse(limited.body)).toMatchObject({ error: 429, errorCode: "RATE_LIMITED" });
    expect(atlas.tokenRequests).toBe(11);

    expect((await tokenRequest({ authorization: basic(OTHER_SA.clientId, OTHER_SA.clientSecret) })).status).toBe(200);

    time.advance(50_000); // the first request leaves the window
    expect((await tokenRequest()).status).toBe(200);
    expect((await tokenRequest()).status).toBe(429);
  });

  test("failed attempts count too, so secrets cannot be guessed fast", async () => {
    await start();
    for (let i = 0; i < 10; i += 1) {
      expect((await tokenRequest({ authorization: basic(SA.clientId, `guess${i}`) })).status).toBe(401);
    }
    expect((await tokenRequest()).status).toBe(429);
  });
});

describe("Bearer tokens on the API", () => {
  test("an issued token authorizes both endpoints", async () => {
    await start();
    const token = await fetchToken();
    expect((await withBearer(token, INVITE)).status).toBe(204);
    expect((await withBearer(token, MEMBER)).status).toBe(204);
  });

  test.each([
    { given: { token: "never-issued", options: {} }, want: 401 },
    { given: { token: "static-ci-token", options: { bearerTokens: ["static-ci-token"] } }, want: 204 },
    { given: { token: "static-ci-token2", options: { bearerTokens: ["static-ci-token"] } }, want: 401 },
    { given: { token: "", options: {} }, want: 401 },
  ])("$given.token with $given.options → $want", async ({ given, want }) => {
    await start(given.options);
    const reply = await withBearer(given.token);
    expect(reply.status).toBe(want);
    if (want === 401) {
      expect(reply.headers["www-authenticate"]).toBe('Bearer realm="MMS Public API", error="invalid_token"');
      expect(JSON.parse(reply.body)).toMatchObject({ error: 401, errorCode: "UNAUTHORIZED" });
      expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
    }
  });

  test.each([
    { given: { ttl: undefined, ageMs: 3_599_999 }, want: 204 },
    { given: { ttl: undefined, ageMs: 3_600_000 }, want: 401 },
    { given: { ttl: 60, ageMs: 59_000 }, want: 204 },
    { given: { ttl: 60, ageMs: 61_000 }, want: 401 },
  ])("a token aged $given.ageMs ms with ttl $given.ttl s → $want", async ({ given, want }) => {
    await start(given.ttl === undefined ? {} : { tokenTtlSeconds: given.ttl });
    const token = await fetchToken();
    time.advance(given.ageMs);
    expect((await withBearer(token)).status).toBe(want);
  });
});

describe("revocation", () => {
  const revoke = (token: string, account = SA) =>
    send(atlas.url, "/api/oauth/revoke", {
      method: "POST",
      headers: { Authorization: basic(account.clientId, account.clientSecret), "Content-Type": FORM },
      body: `token=${encodeURIComponent(token)}&token_type_hint=access_token`,
    });

  test("a revoked token no longer works", async () => {
    await start();
    const token = await fetchToken();
    const reply = await revoke(token);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe("");
    expect((await withBearer(token)).status).toBe(401);
    expect(atlas.tokenRequests).toBe(1);
  });

  test("revoking an unknown token is a 200 (RFC 7009)", async () => {
    await start();
    expect((await revoke("never-issued")).status).toBe(200);
  });

  test("a client cannot revoke another client's token", async () => {
    await start();
    const token = await fetchToken(OTHER_SA);
    const reply = await revoke(token, SA);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ error: "unauthorized_client" });
    expect((await withBearer(token)).status).toBe(204);
  });

  test.each([
    {
      given: { authorization: basic(SA.clientId, "wrong"), body: "token=x" },
      want: { status: 401, error: "invalid_client" },
    },
    { given: { authorization: undefined, body: "token=x" }, want: { status: 401, error: "invalid_client" } },
    {
      given: { authorization: basic(SA.clientId, SA.clientSecret), body: "token_type_hint=access_token" },
      want: { status: 400, error: "invalid_request" },
    },
  ])("$given.body → $want.status", async ({ given, want }) => {
    await start();
    const headers: Record<string, string> = { "Content-Type": FORM };
    if (given.authorization) headers.Authorization = given.authorization;
    const reply = await send(atlas.url, "/api/oauth/revoke", { method: "POST", headers, body: given.body });
    expect(reply.status).toBe(want.status);
    expect(JSON.parse(reply.body)).toEqual({ error: want.error });
  });
});
