/**
 * End to end: the generated client against the project's mock Atlas, a real HTTP server on
 * 127.0.0.1 with Atlas semantics (state, versioning, envelope, faults).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  createClient,
  deleteOrgInvite,
  removeOrgTeamUserFromTeam,
  type Client,
  type DeleteOrgInviteResult,
} from "../../generated/index.js";
import { startMockAtlas, type MockAtlas } from "../../mock/atlas.js";
import { freePort } from "../helpers/ports.js";

const TOKEN = "e2e-static-token";
let atlas: MockAtlas;
let client: Client;

beforeAll(async () => {
  atlas = await startMockAtlas({ bearerTokens: [TOKEN] });
  client = createClient({ baseUrl: atlas.url, auth: { type: "bearer", token: TOKEN }, retry: false, onDeprecation: false });
});
afterAll(() => atlas.close());
beforeEach(() => atlas.reset());

function seedInvite() {
  const orgId = atlas.state.addOrg();
  return { orgId, invitationId: atlas.state.addInvitation(orgId) };
}

function errorOf(result: DeleteOrgInviteResult) {
  if (result.ok) throw new Error(`expected a failure, got ${result.status}`);
  return result.error;
}

describe("generated client against the mock Atlas", () => {
  test("deleteOrgInvite: 204, the invitation is gone, a second delete is a typed 404", async () => {
    const ids = seedInvite();
    const first = await deleteOrgInvite(client, ids);
    expect(first).toMatchObject({ ok: true, status: 204, data: undefined });
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(false);
    const request = atlas.requests.at(-1);
    expect(request).toMatchObject({ method: "DELETE", path: `/api/atlas/v2/orgs/${ids.orgId}/invites/${ids.invitationId}`, query: {} });
    expect(request?.headers.accept).toBe("application/vnd.atlas.2023-01-01+json");

    const second = errorOf(await deleteOrgInvite(client, ids));
    expect(second).toMatchObject({ kind: "http", status: 404, body: { error: 404, errorCode: "RESOURCE_NOT_FOUND" } });
  });

  test("removeOrgTeamUserFromTeam: 204 and the member is removed", async () => {
    const orgId = atlas.state.addOrg();
    const teamId = atlas.state.addTeam(orgId);
    const userId = atlas.state.addTeamMember(orgId, teamId);
    const result = await removeOrgTeamUserFromTeam(client, { orgId, teamId, userId });
    expect(result).toMatchObject({ ok: true, status: 204 });
    expect(atlas.state.hasTeamMember(orgId, teamId, userId)).toBe(false);
  });

  test.each([400, 401, 403, 404, 429, 500] as const)("documented %i → kind http with the ApiError body", async (status) => {
    atlas.inject({ status });
    const error = errorOf(await deleteOrgInvite(client, seedInvite()));
    expect(error).toMatchObject({ kind: "http", status, body: { error: status } });
    if (error.kind === "http") expect(typeof error.body.errorCode).toBe("string");
  });

  test("410 after sunset is unexpected, never success", async () => {
    atlas.inject({ status: 410, body: JSON.stringify({ error: 410, errorCode: "VERSION_GONE", reason: "Gone" }), contentType: "application/json" });
    const error = errorOf(await deleteOrgInvite(client, seedInvite()));
    expect(error).toMatchObject({ kind: "unexpected", status: 410, body: { errorCode: "VERSION_GONE" } });
  });

  test("after the sunset (mock clock) Atlas answers 410 VERSION_GONE: unexpected, never success", async () => {
    const sunset = await startMockAtlas({ bearerTokens: [TOKEN], now: () => new Date("2027-07-02T00:00:00Z") });
    try {
      const late = createClient({ baseUrl: sunset.url, auth: { type: "bearer", token: TOKEN }, retry: false, onDeprecation: false });
      const orgId = sunset.state.addOrg();
      const error = errorOf(await deleteOrgInvite(late, { orgId, invitationId: sunset.state.addInvitation(orgId) }));
      expect(error).toMatchObject({ kind: "unexpected", status: 410, body: { errorCode: "VERSION_GONE" } });
    } finally {
      await sunset.close();
    }
  });

  test.each([
    ["2024-10-23", { ok: true, status: 204 }],
    ["2023-01-01", { ok: true, status: 204 }],
    ["2022-12-31", { ok: false, error: { kind: "unexpected", status: 406 } }],
  ])("apiVersion %s is sent in Accept and resolved by the server", async (apiVersion, want) => {
    const versioned = createClient({ baseUrl: atlas.url, auth: { type: "bearer", token: TOKEN }, retry: false, onDeprecation: false, apiVersion });
    expect(await deleteOrgInvite(versioned, seedInvite())).toMatchObject(want);
    expect(atlas.requests.at(-1)?.headers.accept).toBe(`application/vnd.atlas.${apiVersion}+json`);
  });

  test.each([
    ["empty body", { status: 404, body: "", contentType: "application/json" }, { kind: "unexpected", status: 404, text: "" }],
    ["HTML body", { status: 500, body: "<html><body>Bad gateway</body></html>", contentType: "text/html" }, { kind: "unexpected", status: 500, text: "<html><body>Bad gateway</body></html>" }],
    ["JSON that is not an ApiError", { status: 403, body: '{"message":"nope"}', contentType: "application/json" }, { kind: "unexpected", status: 403, body: { message: "nope" } }],
    ["undocumented 2xx", { status: 200, body: "{}", contentType: "application/json" }, { kind: "unexpected", status: 200 }],
  ])("%s → unexpected", async (_name, fault, want) => {
    atlas.inject(fault);
    expect(errorOf(await deleteOrgInvite(client, seedInvite()))).toMatchObject(want);
  });

  test("invalid params: every issue listed, nothing sent", async () => {
    const result = await deleteOrgInvite(client, { orgId: "xyz", invitationId: 42 as unknown as string, pretty: "yes" as unknown as boolean });
    expect(errorOf(result)).toEqual({
      kind: "validation",
      issues: [
        { param: "orgId", message: "must match the pattern ^([a-f0-9]{24})$" },
        { param: "invitationId", message: "must be a string, got a number" },
        { param: "pretty", message: "must be a boolean, got a string" },
      ],
    });
    expect(atlas.requests).toEqual([]);
  });

  test.each([
    ["../", "../4888442a3354817a7320eb61"],
    ["..", ".."],
    ["%2e%2e", "%2e%2e"],
    ["slash", "4888442a/3354817a7320eb61"],
    ["question mark", "4888442a3354817a7320eb6?"],
    ["hash", "4888442a3354817a7320eb6#"],
    ["full-width digits", "４８８８442a3354817a7320eb61"],
    ["empty string", ""],
    ["trailing newline", "4888442a3354817a7320eb61\n"],
    ["upper-case hex", "4888442A3354817A7320EB61"],
  ])("path injection (%s) is rejected before anything is sent", async (_name, value) => {
    const { orgId } = seedInvite();
    const result = await deleteOrgInvite(client, { orgId, invitationId: value });
    expect(errorOf(result)).toMatchObject({ kind: "validation", issues: [{ param: "invitationId" }] });
    expect(atlas.requests).toEqual([]);
  });

  test("envelope=true: sent only when given; the 200 envelope is unwrapped to the same result", async () => {
    const ids = seedInvite();
    const result = await deleteOrgInvite(client, { ...ids, envelope: true });
    expect(result).toMatchObject({ ok: true, status: 204, data: undefined });
    expect(atlas.requests.at(-1)?.query).toEqual({ envelope: "true" });
    const again = errorOf(await deleteOrgInvite(client, { ...ids, envelope: true }));
    expect(again).toMatchObject({ kind: "http", status: 404, body: { errorCode: "RESOURCE_NOT_FOUND" } });
  });

  test("pretty=true is sent and the pretty-printed error still parses", async () => {
    const { orgId } = seedInvite();
    const error = errorOf(await deleteOrgInvite(client, { orgId, invitationId: "5f4a1c9e8b1d2a3c4e5f6a7b", pretty: true }));
    expect(atlas.requests.at(-1)?.query).toEqual({ pretty: "true" });
    expect(error).toMatchObject({ kind: "http", status: 404 });
  });

  test("connection refused → kind network", async () => {
    const port = await freePort();
    const offline = createClient({ baseUrl: `http://127.0.0.1:${port}`, retry: false, onDeprecation: false });
    expect(errorOf(await deleteOrgInvite(offline, seedInvite()))).toMatchObject({ kind: "network" });
  });

  test("aborted signal → kind aborted; an already aborted signal sends nothing", async () => {
    const controller = new AbortController();
    controller.abort(new Error("user cancelled"));
    expect(errorOf(await deleteOrgInvite(client, seedInvite(), { signal: controller.signal }))).toMatchObject({ kind: "aborted" });
    expect(atlas.requests).toEqual([]);

    atlas.inject({ delayMs: 2_000 });
    const late = new AbortController();
    const pending = deleteOrgInvite(client, seedInvite(), { signal: late.signal });
    setTimeout(() => late.abort(), 50);
    expect(errorOf(await pending)).toMatchObject({ kind: "aborted" });
  });

  test("a slow server → kind timeout", async () => {
    atlas.inject({ delayMs: 2_000 });
    expect(errorOf(await deleteOrgInvite(client, seedInvite(), { timeoutMs: 100 }))).toEqual({ kind: "timeout", timeoutMs: 100 });
  });

  test.each([
    ["a connection reset", { reset: true }],
    ["a 503", { status: 503 }],
    ["a 429 with Retry-After: 0", { status: 429, retryAfter: "0" }],
  ])("%s is retried and the call succeeds", async (_name, fault) => {
    const retrying = createClient({ baseUrl: atlas.url, auth: { type: "bearer", token: TOKEN }, retry: { baseDelayMs: 10 }, onDeprecation: false });
    atlas.inject(fault);
    const ids = seedInvite();
    expect(await deleteOrgInvite(retrying, ids)).toMatchObject({ ok: true, status: 204 });
    expect(atlas.requests).toHaveLength(2);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(false);
  });

  test("rate-limit headers are parsed on success and on errors", async () => {
    const ok = await deleteOrgInvite(client, seedInvite());
    expect(ok.ok && ok.rateLimit.limit).toBeGreaterThan(0);
    atlas.inject({ status: 429 });
    const error = errorOf(await deleteOrgInvite(client, seedInvite()));
    expect(error.kind === "http" && error.rateLimit.limit).toBeGreaterThan(0);
  });
});
