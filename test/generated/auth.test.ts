/**
 * The generated client's credentials against the mock Atlas: HTTP Digest (both algorithms, round
 * trips counted), service accounts (token sharing, refresh, revoke), bearer, and secret hygiene.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, test } from "vitest";
import { createClient, deleteOrgInvite, removeOrgTeamUserFromTeam, type ClientOptions } from "../../generated/index.js";
import { startMockAtlas, type MockAtlas, type MockAtlasOptions } from "../../mock/atlas.js";

const API_KEY = { publicKey: "pubkey-demo", privateKey: "priv-4f2c-SECRET-digest-key" };
const ACCOUNT = { clientId: "mdb_sa_id_demo", clientSecret: "mdb_sa_sk_SECRET-client-secret" };
let atlas: MockAtlas | undefined;

async function mock(options: MockAtlasOptions = {}) {
  atlas = await startMockAtlas({ apiKeys: [API_KEY], serviceAccounts: [ACCOUNT], ...options });
  return atlas;
}
afterEach(async () => {
  await atlas?.close();
  atlas = undefined;
});

function invites(m: MockAtlas, n: number) {
  const orgId = m.state.addOrg();
  return Array.from({ length: n }, () => ({ orgId, invitationId: m.state.addInvitation(orgId) }));
}
const base = (m: MockAtlas, auth: ClientOptions["auth"]): ClientOptions => ({ baseUrl: m.url, auth, retry: false, onDeprecation: false });

/** Everything a caller could print: results, errors, the client itself. */
function serialized(...values: unknown[]): string {
  return values.map((v) => `${JSON.stringify(v, (_k, x) => (x instanceof Response ? "[Response]" : x))}\n${inspect(v, { depth: 8, showHidden: true })}\n${String(v)}`).join("\n");
}

describe("HTTP Digest", () => {
  test.each([["SHA-256"], ["MD5"]] as const)("%s: cold call 2 round trips, warm calls 1 each", async (algorithm) => {
    const m = await mock({ digestAlgorithms: [algorithm] });
    const client = createClient(base(m, { type: "digest", ...API_KEY }));
    const [a, b, c] = invites(m, 3);
    expect(await deleteOrgInvite(client, a!)).toMatchObject({ ok: true, status: 204 });
    expect(m.requests).toHaveLength(2);
    expect(await deleteOrgInvite(client, b!)).toMatchObject({ ok: true });
    expect(await deleteOrgInvite(client, c!)).toMatchObject({ ok: true });
    expect(m.requests).toHaveLength(4);
    const authorization = String(m.requests.at(-1)?.headers.authorization);
    expect(authorization).toContain(`algorithm=${algorithm}`);
    expect(authorization).toContain("nc=00000003");
    expect(authorization).toContain("qop=auth");
  });

  test("prefers SHA-256 when both are offered", async () => {
    const m = await mock();
    const client = createClient(base(m, { type: "digest", ...API_KEY }));
    await deleteOrgInvite(client, invites(m, 1)[0]!);
    expect(String(m.requests.at(-1)?.headers.authorization)).toContain("algorithm=SHA-256");
  });

  test("an expired nonce (stale=true) re-authenticates transparently", async () => {
    let now = new Date("2026-11-22T10:00:00Z");
    const m = await mock({ now: () => now, nonceTtlMs: 60_000 });
    const client = createClient(base(m, { type: "digest", ...API_KEY }));
    const [a, b] = invites(m, 2);
    await deleteOrgInvite(client, a!);
    now = new Date(now.getTime() + 120_000);
    m.reset();
    expect(await deleteOrgInvite(client, b!)).toMatchObject({ ok: true });
    expect(m.requests).toHaveLength(2);
  });

  test("parallel warm calls each get their own nc and all succeed", async () => {
    const m = await mock();
    const client = createClient(base(m, { type: "digest", ...API_KEY }));
    const calls = invites(m, 9);
    await deleteOrgInvite(client, calls[0]!);
    const results = await Promise.all(calls.slice(1).map((ids) => deleteOrgInvite(client, ids)));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  test("a wrong private key: a 401 http error after 2 requests, no loop, no secret in the result", async () => {
    const m = await mock();
    const wrong = { publicKey: API_KEY.publicKey, privateKey: "wrong-SECRET-value" };
    const client = createClient(base(m, { type: "digest", ...wrong }));
    const result = await deleteOrgInvite(client, invites(m, 1)[0]!);
    expect(result).toMatchObject({ ok: false, error: { kind: "http", status: 401 } });
    expect(m.requests).toHaveLength(2);
    expect(serialized(result, client)).not.toContain("wrong-SECRET-value");
  });
});

describe("service accounts", () => {
  test("20 concurrent calls on a cold client share exactly 1 token request", async () => {
    const m = await mock();
    const client = createClient(base(m, { type: "serviceAccount", ...ACCOUNT }));
    const results = await Promise.all(invites(m, 20).map((ids) => deleteOrgInvite(client, ids)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(m.tokenRequests).toBe(1);
    const token = m.requests.find((r) => r.path === "/api/oauth/token");
    expect(token?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT.clientId}:${ACCOUNT.clientSecret}`).toString("base64")}`);
    expect(token?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(token?.body).toBe("grant_type=client_credentials");
  });

  test("an expired token is refreshed; close() revokes it and it stops working", async () => {
    let now = new Date("2026-11-22T10:00:00Z");
    const m = await mock({ now: () => now, tokenTtlSeconds: 3600 });
    const client = createClient(base(m, { type: "serviceAccount", ...ACCOUNT }));
    const [a, b] = invites(m, 2);
    await deleteOrgInvite(client, a!);
    // The server thinks the token expired (its clock moved); the client refreshes once and retries.
    now = new Date(now.getTime() + 3_700_000);
    expect(await deleteOrgInvite(client, b!)).toMatchObject({ ok: true });
    expect(m.tokenRequests).toBe(2);
    const used = String(m.requests.filter((r) => r.headers.authorization?.startsWith("Bearer")).at(-1)?.headers.authorization);
    await client.close();
    const revoke = m.requests.find((r) => r.path === "/api/oauth/revoke");
    expect(revoke?.body).toContain(`token=${encodeURIComponent(used.slice("Bearer ".length))}`);
    const after = await fetch(`${m.url}/api/atlas/v2/orgs/${m.state.addOrg()}/invites/${"a".repeat(24)}`, {
      method: "DELETE",
      headers: { Authorization: used, Accept: "application/vnd.atlas.2023-01-01+json" },
    });
    expect(after.status).toBe(401);
  });

  test("wrong client secret: kind auth, one token request per cool-down, no secret anywhere", async () => {
    const m = await mock();
    const bad = { clientId: ACCOUNT.clientId, clientSecret: "mdb_sa_sk_WRONG-SECRET" };
    const client = createClient(base(m, { type: "serviceAccount", ...bad }));
    const results = await Promise.all(invites(m, 5).map((ids) => deleteOrgInvite(client, ids)));
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { kind: "auth", status: 401 } });
    expect(m.tokenRequests).toBe(1);
    expect(m.requests.filter((r) => r.path.startsWith("/api/atlas"))).toEqual([]);
    expect(serialized(...results, client)).not.toMatch(/WRONG-SECRET|bXRiX3NhX2lk/);
  });
});

describe("bearer", () => {
  test("a token function is called per request", async () => {
    const m = await mock({ bearerTokens: ["t-1"] });
    let calls = 0;
    const client = createClient(base(m, { type: "bearer", token: async () => (calls++, "t-1") }));
    const [a, b] = invites(m, 2);
    expect(await removeOrgTeamUserFromTeam(client, { orgId: a!.orgId, teamId: "f".repeat(24), userId: "e".repeat(24) })).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await deleteOrgInvite(client, b!)).toMatchObject({ ok: true });
    expect(calls).toBe(2);
  });
});

describe("secret hygiene", () => {
  test("no secret in any result, error, client or thrown error across every auth kind", async () => {
    const m = await mock({ bearerTokens: ["bearer-SECRET-token"] });
    const clients = [
      createClient(base(m, { type: "digest", ...API_KEY })),
      createClient(base(m, { type: "serviceAccount", ...ACCOUNT })),
      createClient(base(m, { type: "bearer", token: "bearer-SECRET-token" })),
    ];
    const outputs: unknown[] = [...clients];
    for (const client of clients) {
      const [a] = invites(m, 1);
      outputs.push(await deleteOrgInvite(client, a!));
      outputs.push(await deleteOrgInvite(client, a!)); // 404
      outputs.push(await deleteOrgInvite(client, { orgId: "bad", invitationId: "bad" })); // validation
      m.inject({ reset: true });
      outputs.push(await deleteOrgInvite(client, invites(m, 1)[0]!)); // network
    }
    try {
      createClient({ auth: { type: "bearer", token: "bearer-SECRET-token\n" }, baseUrl: m.url }).close();
      outputs.push(await deleteOrgInvite(createClient({ ...base(m, { type: "bearer", token: "bearer-SECRET-token\n" }) }), invites(m, 1)[0]!));
    } catch (error) {
      outputs.push(error);
    }
    const issued = m.requests.map((r) => r.headers.authorization).filter((h): h is string => h?.startsWith("Bearer mock") ?? false);
    const text = serialized(...outputs);
    for (const secret of [API_KEY.privateKey, ACCOUNT.clientSecret, "bearer-SECRET-token", ...issued.map((h) => h.slice(7))]) {
      expect(text).not.toContain(secret);
    }
    await Promise.all(clients.map((c) => c.close()));
  });
});
