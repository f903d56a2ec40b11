import { afterEach, describe, expect, test } from "vitest";
import { startMockAtlas, type MockAtlas, type MockAtlasOptions } from "../../mock/atlas.js";
import { DigestAuth } from "../../mock/digest.js";
import {
  challengeParams,
  clock,
  digestAuthorization,
  fill,
  INVITE,
  seed,
  send,
  V2023,
  type DigestInput,
  type Seed,
} from "./http.js";

const KEY = { publicKey: "abcdefgh", privateKey: "4f0c2a6e-1111-4222-8333-944455556666" };
const CHALLENGE =
  /^Digest realm="MMS Public API", domain="", nonce="([^"]+)", algorithm=(SHA-256|MD5), qop="auth", stale=(true|false)$/;

let atlas: MockAtlas;
let ids: Seed;
const time = clock("2026-03-01T00:00:00Z");

async function start(options: MockAtlasOptions = {}): Promise<void> {
  time.set("2026-03-01T00:00:00Z");
  atlas = await startMockAtlas({ apiKeys: [KEY], now: time.now, ...options });
  running.push(atlas);
  ids = seed(atlas.state);
}
const running: MockAtlas[] = [];
afterEach(() => Promise.all(running.splice(0).map((a) => a.close())));

/** An unauthenticated request, to collect a fresh challenge's nonce. */
async function challenge(path = fill(INVITE, ids)): Promise<{ nonce: string; challenges: string[] }> {
  const reply = await send(atlas.url, path, { headers: { Accept: V2023 } });
  expect(reply.status).toBe(401);
  return { nonce: challengeParams(reply.challenges[0]!).nonce!, challenges: reply.challenges };
}

function deleteWith(nonce: string, overrides: Partial<DigestInput> = {}, path = fill(INVITE, ids)) {
  const authorization = digestAuthorization({
    username: KEY.publicKey,
    password: KEY.privateKey,
    method: "DELETE",
    uri: path,
    nonce,
    ...overrides,
  });
  return send(atlas.url, path, { headers: { Accept: V2023, Authorization: authorization } });
}

describe("the challenge", () => {
  test("offers SHA-256 then MD5 with one nonce, and an ApiError body", async () => {
    await start();
    const reply = await send(atlas.url, fill(INVITE, ids), { headers: { Accept: V2023 } });
    expect(reply.status).toBe(401);
    expect(reply.challenges).toHaveLength(2);
    const [sha, md5] = reply.challenges.map((c) => CHALLENGE.exec(c));
    expect(sha?.[2]).toBe("SHA-256");
    expect(md5?.[2]).toBe("MD5");
    expect(sha?.[1]).toBe(md5?.[1]);
    expect(sha?.[3]).toBe("false");
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(reply.body)).toEqual({
      error: 401,
      detail: "You are not authorized for this resource.",
      reason: "Unauthorized",
      errorCode: "UNAUTHORIZED",
    });
  });

  test("digestAlgorithms chooses the offered algorithms and their order", async () => {
    await start({ digestAlgorithms: ["MD5"] });
    const { challenges } = await challenge();
    expect(challenges).toHaveLength(1);
    expect(challenges[0]).toMatch(/algorithm=MD5,/);
  });

  test("every challenge carries a new nonce", async () => {
    await start();
    const first = await challenge();
    const second = await challenge();
    expect(first.nonce).not.toBe(second.nonce);
  });

  test("auth is checked before routing: unknown paths answer 401 too", async () => {
    await start();
    expect((await send(atlas.url, "/api/atlas/v2/nowhere")).status).toBe(401);
  });

  test("requireAuth: false skips auth", async () => {
    await start({ requireAuth: false });
    expect((await send(atlas.url, fill(INVITE, ids), { headers: { Accept: V2023 } })).status).toBe(204);
  });
});

describe("verification", () => {
  test.each<{ given: { options?: MockAtlasOptions; auth: Partial<DigestInput> }; want: number }>([
    { given: { auth: { algorithm: "MD5" } }, want: 204 },
    { given: { auth: { algorithm: "SHA-256" } }, want: 204 },
    { given: { auth: { algorithm: "MD5-sess" } }, want: 204 },
    { given: { auth: { algorithm: "SHA-256-sess" } }, want: 204 },
    { given: { options: { digestAlgorithms: ["SHA-256"] }, auth: { algorithm: "MD5" } }, want: 401 },
    { given: { options: { digestAlgorithms: ["MD5"] }, auth: { algorithm: "SHA-256" } }, want: 401 },
    { given: { auth: { password: "wrong" } }, want: 401 },
    { given: { auth: { username: "nobody" } }, want: 401 },
    { given: { auth: { realm: "Other Realm" } }, want: 401 },
    { given: { auth: { nonce: "made-up-nonce" } }, want: 401 },
    {
      given: { auth: { uri: "/api/atlas/v2/orgs/0123456789abcdef01234567/invites/0123456789abcdef01234567" } },
      want: 401,
    },
    { given: { auth: { method: "GET" } }, want: 401 },
    { given: { auth: { cnonce: "" } }, want: 401 },
  ])("$given → $want", async ({ given, want }) => {
    await start(given.options);
    const { nonce } = await challenge();
    const reply = await deleteWith(given.auth.nonce ?? nonce, given.auth);
    expect(reply.status).toBe(want);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(want !== 204);
    if (want === 401) expect(reply.challenges[0]).toMatch(/stale=false$/);
  });

  test("the uri must be the request target, query string included", async () => {
    await start();
    const path = `${fill(INVITE, ids)}?pretty=true`;
    const { nonce } = await challenge(path);
    expect((await deleteWith(nonce, { uri: fill(INVITE, ids) }, path)).status).toBe(401);
    expect((await deleteWith(nonce, { nc: 2 }, path)).status).toBe(204);
  });

  test("a header without qop (RFC 2069 style) is refused", async () => {
    await start();
    const { nonce } = await challenge();
    const authorization = digestAuthorization({
      username: KEY.publicKey,
      password: KEY.privateKey,
      method: "DELETE",
      uri: fill(INVITE, ids),
      nonce,
    }).replace(/, qop=auth/, "");
    const reply = await send(atlas.url, fill(INVITE, ids), {
      headers: { Accept: V2023, Authorization: authorization },
    });
    expect(reply.status).toBe(401);
  });

  test("Basic credentials get the Digest challenge", async () => {
    await start();
    const basic = Buffer.from(`${KEY.publicKey}:${KEY.privateKey}`).toString("base64");
    const reply = await send(atlas.url, fill(INVITE, ids), {
      headers: { Accept: V2023, Authorization: `Basic ${basic}` },
    });
    expect(reply.status).toBe(401);
    expect(reply.challenges[0]).toMatch(CHALLENGE);
  });
});

describe("nonce count", () => {
  test("a nonce serves several requests with increasing nc; a replayed or lower nc is refused", async () => {
    await start();
    const { nonce } = await challenge();
    const member = fill("/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}", ids);
    expect((await deleteWith(nonce, { nc: 1 })).status).toBe(204);
    expect((await deleteWith(nonce, { nc: 1 }, member)).status).toBe(401);
    expect(atlas.state.hasTeamMember(ids.orgId, ids.teamId, ids.userId)).toBe(true);
    expect((await deleteWith(nonce, { nc: 5 }, member)).status).toBe(204);
    expect((await deleteWith(nonce, { nc: 3 }, member)).status).toBe(401);
    expect((await deleteWith(nonce, { nc: 6 }, member)).status).toBe(404);
  });

  test("replaying a captured header verbatim is refused", async () => {
    await start();
    const { nonce } = await challenge();
    const authorization = digestAuthorization({
      username: KEY.publicKey,
      password: KEY.privateKey,
      method: "DELETE",
      uri: fill(INVITE, ids),
      nonce,
    });
    const headers = { Accept: V2023, Authorization: authorization };
    expect((await send(atlas.url, fill(INVITE, ids), { headers })).status).toBe(204);
    const replay = await send(atlas.url, fill(INVITE, ids), { headers });
    expect(replay.status).toBe(401);
    expect(replay.challenges[0]).toMatch(/stale=false$/);
  });
});

describe("stale nonces", () => {
  test.each([
    { given: { ttlMs: undefined, ageMs: 300_000 }, want: { status: 204, stale: undefined } },
    { given: { ttlMs: undefined, ageMs: 300_001 }, want: { status: 401, stale: "true" } },
    { given: { ttlMs: 1_000, ageMs: 1_001 }, want: { status: 401, stale: "true" } },
    { given: { ttlMs: 3_600_000, ageMs: 3_000_000 }, want: { status: 204, stale: undefined } },
  ])("nonce aged $given.ageMs ms with ttl $given.ttlMs → $want.status", async ({ given, want }) => {
    await start(given.ttlMs === undefined ? {} : { nonceTtlMs: given.ttlMs });
    const { nonce } = await challenge();
    time.advance(given.ageMs);
    const reply = await deleteWith(nonce);
    expect(reply.status).toBe(want.status);
    if (want.stale) expect(challengeParams(reply.challenges[0]!).stale).toBe(want.stale);
  });

  test("stale=true lets the client retry with the new nonce, without the password prompt", async () => {
    await start();
    const { nonce } = await challenge();
    time.advance(10 * 60_000);
    const stale = await deleteWith(nonce);
    expect(stale.status).toBe(401);
    expect(stale.challenges).toHaveLength(2);
    for (const c of stale.challenges) expect(c).toMatch(CHALLENGE);
    expect(stale.challenges.every((c) => c.endsWith("stale=true"))).toBe(true);
    const fresh = challengeParams(stale.challenges[0]!).nonce!;
    expect(fresh).not.toBe(nonce);
    expect((await deleteWith(fresh)).status).toBe(204);
  });

  test("an expired nonce with a wrong password is not stale: the credentials are wrong", async () => {
    await start();
    const { nonce } = await challenge();
    time.advance(10 * 60_000);
    const reply = await deleteWith(nonce, { password: "wrong" });
    expect(reply.status).toBe(401);
    expect(reply.challenges[0]).toMatch(/stale=false$/);
  });
});

describe("nonce memory", () => {
  const keys = new Map([[KEY.publicKey, KEY.privateKey]]);
  const nonceOf = (challenges: string[]) => challengeParams(challenges[0]!).nonce!;
  const answer = (nonce: string, nc = 1) =>
    digestAuthorization({ username: KEY.publicKey, password: KEY.privateKey, method: "DELETE", uri: "/x", nonce, nc });

  test("expired nonces are forgotten when a new one is issued, and are still answered stale=true", () => {
    time.set("2026-03-01T00:00:00Z");
    const digest = new DigestAuth(keys, ["MD5"], 1_000, time.now);
    const old = nonceOf(digest.challenge(false));
    digest.challenge(false);
    expect(digest.liveNonces).toBe(2);
    time.advance(1_001);
    const fresh = nonceOf(digest.challenge(false));
    expect(digest.liveNonces).toBe(1);
    expect(digest.verify("DELETE", "/x", answer(old))).toEqual({ ok: false, stale: true });
    expect(digest.verify("DELETE", "/x", answer(fresh))).toEqual({ ok: true, username: KEY.publicKey });
    expect(digest.verify("DELETE", "/x", answer(fresh))).toEqual({ ok: false, stale: false });
  });

  test("a nonce the server did not issue is refused, not stale, even with a valid digest", () => {
    time.set("2026-03-01T00:00:00Z");
    const digest = new DigestAuth(keys, ["MD5"], 1_000, time.now);
    const issued = nonceOf(digest.challenge(false));
    // An older date in the same format, with the real MAC: the MAC covers the date.
    const backdated = `${(time.now().getTime() - 60_000).toString(36)}${issued.slice(issued.indexOf("."))}`;
    for (const nonce of [backdated, "a", "", `${issued}x`]) {
      expect(digest.verify("DELETE", "/x", answer(nonce))).toEqual({ ok: false, stale: false });
    }
  });
});
