import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startMockAtlas, type MockAtlas } from "../../mock/atlas.js";
import { fill, INVITE, MEMBER, seed, send, V2023, type Seed } from "./http.js";

const OTHER = "0123456789abcdef01234567"; // well-formed, never seeded

let atlas: MockAtlas;
let ids: Seed;
beforeEach(async () => {
  atlas = await startMockAtlas({ requireAuth: false });
  ids = seed(atlas.state);
});
afterEach(() => atlas.close());

const del = (template: string, method = "DELETE") =>
  send(atlas.url, fill(template, ids), { method, headers: { Accept: V2023 } });

describe("MockState", () => {
  test("seeds distinct, deterministic 24-hex ids", async () => {
    const all = Object.values(ids);
    expect(all.every((id) => /^[a-f0-9]{24}$/.test(id))).toBe(true);
    expect(new Set(all).size).toBe(4);
    const again = await startMockAtlas({ requireAuth: false });
    try {
      expect(seed(again.state)).toEqual(ids);
    } finally {
      await again.close();
    }
  });

  test("refuses to seed under an unknown organization or team", () => {
    expect(() => atlas.state.addInvitation(OTHER)).toThrow(/no organization/);
    expect(() => atlas.state.addTeamMember(ids.orgId, OTHER)).toThrow(/no team/);
  });
});

describe("routing", () => {
  test.each([
    { given: { method: "DELETE", path: INVITE }, want: { status: 204 } },
    { given: { method: "DELETE", path: MEMBER }, want: { status: 204 } },
    { given: { method: "GET", path: INVITE }, want: { status: 405, errorCode: "METHOD_NOT_ALLOWED" } },
    { given: { method: "POST", path: MEMBER }, want: { status: 405, errorCode: "METHOD_NOT_ALLOWED" } },
    { given: { method: "PATCH", path: INVITE }, want: { status: 405, errorCode: "METHOD_NOT_ALLOWED" } },
    {
      given: { method: "DELETE", path: "/api/atlas/v2/orgs/{orgId}/invites" },
      want: { status: 404, errorCode: "RESOURCE_NOT_FOUND" },
    },
    { given: { method: "DELETE", path: `${INVITE}/` }, want: { status: 404, errorCode: "RESOURCE_NOT_FOUND" } },
    // The replacement endpoint is not part of the mock.
    {
      given: { method: "DELETE", path: "/api/atlas/v2/orgs/{orgId}/users/{userId}" },
      want: { status: 404, errorCode: "RESOURCE_NOT_FOUND" },
    },
    {
      given: { method: "DELETE", path: "/api/atlas/v1.0/orgs/{orgId}/invites/{invitationId}" },
      want: { status: 404, errorCode: "RESOURCE_NOT_FOUND" },
    },
    // Dot segments are not resolved: the path is routed as sent.
    {
      given: { method: "DELETE", path: "/api/atlas/v2/orgs/{orgId}/invites/../invites/{invitationId}" },
      want: { status: 404, errorCode: "RESOURCE_NOT_FOUND" },
    },
  ])("$given.method $given.path → $want.status", async ({ given, want }) => {
    const reply = await del(given.path, given.method);
    expect(reply.status).toBe(want.status);
    if (want.status === 204) {
      expect(reply.body).toBe("");
      expect(reply.headers["content-type"]).toBeUndefined();
      return;
    }
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(reply.body)).toMatchObject({ error: want.status, errorCode: want.errorCode });
    if (want.status === 405) expect(reply.headers.allow).toBe("DELETE");
  });
});

describe("path ids", () => {
  test.each([
    { given: "/api/atlas/v2/orgs/xyz/invites/{invitationId}", want: { status: 400, fields: ["orgId"] } },
    {
      given: "/api/atlas/v2/orgs/{orgId}/invites/5f4a1c9e8b1d2a3c4e5f6a7",
      want: { status: 400, fields: ["invitationId"] },
    },
    {
      given: "/api/atlas/v2/orgs/{orgId}/invites/5F4A1C9E8B1D2A3C4E5F6A7B",
      want: { status: 400, fields: ["invitationId"] },
    },
    {
      given: "/api/atlas/v2/orgs/{orgId}/invites/%2e%2e%2f1c9e8b1d2a3c4e5f6a7b",
      want: { status: 400, fields: ["invitationId"] },
    },
    {
      given: "/api/atlas/v2/orgs/{orgId}/invites/%zz4a1c9e8b1d2a3c4e5f6a7b",
      want: { status: 400, fields: ["invitationId"] },
    },
    { given: "/api/atlas/v2/orgs/1/teams/2/users/3", want: { status: 400, fields: ["orgId", "teamId", "userId"] } },
    { given: "/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}0", want: { status: 400, fields: ["userId"] } },
    { given: `/api/atlas/v2/orgs/${OTHER}/invites/{invitationId}`, want: { status: 404, fields: [] } },
    { given: `/api/atlas/v2/orgs/{orgId}/invites/${OTHER}`, want: { status: 404, fields: [] } },
    { given: `/api/atlas/v2/orgs/${OTHER}/teams/{teamId}/users/{userId}`, want: { status: 404, fields: [] } },
    { given: `/api/atlas/v2/orgs/{orgId}/teams/${OTHER}/users/{userId}`, want: { status: 404, fields: [] } },
    { given: `/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/${OTHER}`, want: { status: 404, fields: [] } },
    // Ids of one kind do not address the other.
    { given: "/api/atlas/v2/orgs/{orgId}/invites/{userId}", want: { status: 404, fields: [] } },
    { given: "/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{invitationId}", want: { status: 404, fields: [] } },
  ])("$given → $want.status", async ({ given, want }) => {
    const reply = await del(given);
    expect(reply.status).toBe(want.status);
    if (want.status === 400) {
      expect(JSON.parse(reply.body)).toMatchObject({
        error: 400,
        reason: "Bad Request",
        errorCode: "VALIDATION_ERROR",
        detail: expect.stringContaining("^([a-f0-9]{24})$"),
        badRequestDetail: { fields: want.fields.map((field) => ({ field })) },
      });
    } else {
      expect(JSON.parse(reply.body)).toMatchObject({
        error: 404,
        reason: "Not Found",
        errorCode: "RESOURCE_NOT_FOUND",
      });
    }
  });

  test("a percent-encoded hex id addresses the same resource", async () => {
    const encoded = [...ids.orgId].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
    expect((await del(`/api/atlas/v2/orgs/${encoded}/invites/{invitationId}`)).status).toBe(204);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(false);
  });
});

describe("deletes", () => {
  test("deleting an invitation removes it: a second delete is a 404", async () => {
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
    expect((await del(INVITE)).status).toBe(204);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(false);
    const again = await del(INVITE);
    expect(again.status).toBe(404);
    expect(JSON.parse(again.body)).toEqual({
      error: 404,
      detail: `No pending invitation with ID ${ids.invitationId} exists in organization ${ids.orgId}.`,
      reason: "Not Found",
      errorCode: "RESOURCE_NOT_FOUND",
    });
  });

  test("removing a team member removes only that membership", async () => {
    const other = atlas.state.addTeamMember(ids.orgId, ids.teamId);
    expect((await del(MEMBER)).status).toBe(204);
    expect(atlas.state.hasTeamMember(ids.orgId, ids.teamId, ids.userId)).toBe(false);
    expect(atlas.state.hasTeamMember(ids.orgId, ids.teamId, other)).toBe(true);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
    expect((await del(MEMBER)).status).toBe(404);
  });

  test("answers carry decrementing RateLimit headers and the Sunset date", async () => {
    const first = await del(INVITE);
    const second = await del(MEMBER);
    expect(first.headers["ratelimit-limit"]).toBe("100");
    expect(first.headers["ratelimit-remaining"]).toBe("99");
    expect(second.headers["ratelimit-remaining"]).toBe("98");
    expect(first.headers.sunset).toBe("Thu, 01 Jul 2027 00:00:00 GMT");
  });
});

describe("recording", () => {
  test("records every request as sent, before auth or routing refuse it", async () => {
    const secured = await startMockAtlas();
    try {
      const path = `${fill(INVITE, ids)}?pretty=true&envelope=false`;
      const reply = await send(secured.url, path, { headers: { Accept: V2023, "X-Trace": "t1" } });
      await send(secured.url, "/nowhere", { method: "GET" });
      expect(reply.status).toBe(401);
      expect(secured.requests).toMatchObject([
        {
          method: "DELETE",
          path: fill(INVITE, ids),
          url: path,
          query: { pretty: "true", envelope: "false" },
          headers: { accept: V2023, "x-trace": "t1" },
          body: "",
        },
        { method: "GET", path: "/nowhere", url: "/nowhere", query: {} },
      ]);
      secured.reset();
      expect(secured.requests).toEqual([]);
    } finally {
      await secured.close();
    }
  });
});
