import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startMockAtlas, type Fault, type MockAtlas } from "../../mock/atlas.js";
import { fill, INVITE, MEMBER, seed, send, V2023, type Seed } from "./http.js";

const EXAMPLE = "(This is just an example, the exception may not be related to this endpoint)";
const SERVICE_ACCOUNT = { clientId: "mdb_sa_id_test", clientSecret: "mdb_sa_sk_test" };

let atlas: MockAtlas;
let ids: Seed;
beforeEach(async () => {
  atlas = await startMockAtlas({ requireAuth: false, serviceAccounts: [SERVICE_ACCOUNT] });
  ids = seed(atlas.state);
});
afterEach(() => atlas.close());

const del = (template = INVITE) => send(atlas.url, fill(template, ids), { headers: { Accept: V2023 } });

describe("status faults", () => {
  test.each<{
    given: Fault;
    want: { status: number; body: string; contentType?: string; headers?: Record<string, string> };
  }>([
    {
      given: { status: 400 },
      want: {
        status: 400,
        body: `{"error":400,"detail":"${EXAMPLE} No provider AWS exists.","reason":"Bad Request","errorCode":"VALIDATION_ERROR"}`,
        contentType: "application/json",
      },
    },
    {
      given: { status: 401 },
      want: {
        status: 401,
        body: `{"error":401,"detail":"${EXAMPLE}","reason":"Unauthorized","errorCode":"NOT_ORG_GROUP_CREATOR"}`,
        contentType: "application/json",
      },
    },
    {
      given: { status: 403 },
      want: {
        status: 403,
        body: `{"error":403,"detail":"${EXAMPLE}","reason":"Forbidden","errorCode":"CANNOT_CHANGE_GROUP_NAME"}`,
        contentType: "application/json",
      },
    },
    {
      given: { status: 404 },
      want: {
        status: 404,
        body: `{"error":404,"detail":"${EXAMPLE} Cannot find resource AWS","reason":"Not Found","errorCode":"RESOURCE_NOT_FOUND"}`,
        contentType: "application/json",
      },
    },
    {
      given: { status: 429 },
      want: {
        status: 429,
        body: `{"error":429,"detail":"${EXAMPLE}","reason":"Too Many Requests","errorCode":"RATE_LIMITED"}`,
        contentType: "application/json",
        headers: { "retry-after": "1", "ratelimit-limit": "100", "ratelimit-remaining": "0" },
      },
    },
    {
      given: { status: 429, retryAfter: "17" },
      want: {
        status: 429,
        body: `{"error":429,"detail":"${EXAMPLE}","reason":"Too Many Requests","errorCode":"RATE_LIMITED"}`,
        contentType: "application/json",
        headers: { "retry-after": "17" },
      },
    },
    {
      given: { status: 500 },
      want: {
        status: 500,
        body: `{"error":500,"detail":"${EXAMPLE}","reason":"Internal Server Error","errorCode":"UNEXPECTED_ERROR"}`,
        contentType: "application/json",
      },
    },
    {
      given: { status: 503, retryAfter: "30" },
      want: {
        status: 503,
        body: `{"error":503,"detail":"${EXAMPLE}","reason":"Service Unavailable","errorCode":"SERVICE_UNAVAILABLE"}`,
        contentType: "application/json",
        headers: { "retry-after": "30" },
      },
    },
    { given: { status: 502 }, want: { status: 502, body: "" } },
    { given: { status: 500, body: "" }, want: { status: 500, body: "" } },
    {
      given: { status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>", contentType: "text/html" },
      want: { status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>", contentType: "text/html" },
    },
    {
      given: { status: 200, body: "{not json", contentType: "application/json" },
      want: { status: 200, body: "{not json", contentType: "application/json" },
    },
    {
      given: { status: 500, body: '{"oops":true}' },
      want: { status: 500, body: '{"oops":true}', contentType: "application/json" },
    },
    {
      given: { status: 404, headers: { "X-Request-Id": "abc", "Content-Type": "application/problem+json" } },
      want: {
        status: 404,
        body: `{"error":404,"detail":"${EXAMPLE} Cannot find resource AWS","reason":"Not Found","errorCode":"RESOURCE_NOT_FOUND"}`,
        contentType: "application/problem+json",
        headers: { "x-request-id": "abc" },
      },
    },
  ])("$given → $want.status", async ({ given, want }) => {
    atlas.inject(given);
    const reply = await del();
    expect(reply.status).toBe(want.status);
    expect(reply.body).toBe(want.body);
    expect(reply.headers["content-type"]).toBe(want.contentType);
    expect(reply.headers).toMatchObject(want.headers ?? {});
    // The fault replaced the real operation.
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
  });
});

describe("fault lifecycle", () => {
  test.each([
    { given: { fault: { status: 503 }, calls: 2 }, want: [503, 204] },
    { given: { fault: { status: 503, times: 3 }, calls: 4 }, want: [503, 503, 503, 204] },
    { given: { fault: { status: 500, operation: "removeOrgTeamUserFromTeam" as const }, calls: 2 }, want: [204, 404] },
  ])("$given.fault over $given.calls invitation deletes → $want", async ({ given, want }) => {
    atlas.inject(given.fault);
    const statuses: number[] = [];
    for (let i = 0; i < given.calls; i += 1) statuses.push((await del()).status);
    expect(statuses).toEqual(want);
  });

  test("faults play in injection order and target their operation", async () => {
    atlas.inject({ status: 500, operation: "removeOrgTeamUserFromTeam" });
    atlas.inject({ status: 503 });
    expect((await del(INVITE)).status).toBe(503);
    expect((await del(MEMBER)).status).toBe(500);
    expect((await del(MEMBER)).status).toBe(204);
  });

  test("faults apply after routing: unknown paths and wrong methods do not consume them", async () => {
    atlas.inject({ status: 503 });
    expect((await send(atlas.url, "/api/atlas/v2/orgs", { headers: { Accept: V2023 } })).status).toBe(404);
    expect((await send(atlas.url, fill(INVITE, ids), { method: "GET", headers: { Accept: V2023 } })).status).toBe(405);
    expect((await del()).status).toBe(503);
  });

  test("faults do not apply to the OAuth endpoints", async () => {
    atlas.inject({ status: 503 });
    const basic = Buffer.from(`${SERVICE_ACCOUNT.clientId}:${SERVICE_ACCOUNT.clientSecret}`).toString("base64");
    const token = await send(atlas.url, "/api/oauth/token", {
      method: "POST",
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(token.status).toBe(200);
    expect((await del()).status).toBe(503);
  });

  test("reset() drops queued faults", async () => {
    atlas.inject({ status: 500, times: 5 });
    atlas.reset();
    expect((await del()).status).toBe(204);
  });

  test("times must be a positive integer", () => {
    expect(() => atlas.inject({ status: 500, times: 0 })).toThrow(RangeError);
    expect(() => atlas.inject({ status: 500, times: 1.5 })).toThrow(RangeError);
  });
});

describe("network faults", () => {
  test("delayMs alone slows the request, which then succeeds", async () => {
    atlas.inject({ delayMs: 300 });
    const started = performance.now();
    const reply = await del();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(reply.status).toBe(204);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(false);
  });

  test("delayMs with a status answers late with that status", async () => {
    atlas.inject({ delayMs: 200, status: 500 });
    const started = performance.now();
    expect((await del()).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  test("reset destroys the connection and leaves the state alone", async () => {
    atlas.inject({ reset: true });
    await expect(del()).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
    expect(atlas.requests).toHaveLength(1);
    expect((await del()).status).toBe(204);
  });

  test("close() does not wait for a pending delay", async () => {
    atlas.inject({ delayMs: 60_000 });
    const pending = del().catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await atlas.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toMatchObject({ code: "ECONNRESET" });
    atlas = await startMockAtlas({ requireAuth: false }); // for afterEach
  });
});
