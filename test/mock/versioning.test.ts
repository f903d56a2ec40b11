import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startMockAtlas, type MockAtlas } from "../../mock/atlas.js";
import { clock, fill, INVITE, MEMBER, seed, send, type Seed } from "./http.js";

const time = clock("2026-01-15T12:00:00Z");
let atlas: MockAtlas;
let ids: Seed;
beforeEach(async () => {
  time.set("2026-01-15T12:00:00Z");
  atlas = await startMockAtlas({ requireAuth: false, now: time.now });
  ids = seed(atlas.state);
});
afterEach(() => atlas.close());

describe("resource version from Accept", () => {
  test.each([
    { given: "application/vnd.atlas.2023-01-01+json", want: 204 },
    // The docs' own sample date: resolves to the newest version on or before it, 2023-01-01.
    { given: "application/vnd.atlas.2024-10-23+json", want: 204 },
    { given: "application/vnd.atlas.2025-03-12+json", want: 204 },
    { given: "APPLICATION/VND.ATLAS.2023-01-01+JSON", want: 204 },
    { given: "application/vnd.atlas.2023-01-01+json; charset=utf-8", want: 204 },
    { given: "application/json, application/vnd.atlas.2023-01-01+json;q=0.9", want: 204 },
    { given: "application/vnd.atlas.2022-12-31+json", want: 406 },
    { given: "application/vnd.atlas.2023-02-30+json", want: 406 },
    { given: "application/vnd.atlas.2023-13-01+json", want: 406 },
    { given: "application/vnd.atlas.2023-1-1+json", want: 406 },
    { given: "application/vnd.atlas.latest+json", want: 406 },
    { given: "application/vnd.atlas.2023-01-01+gzip", want: 406 },
    { given: "application/vnd.atlas.2023-01-01+json-extra", want: 406 },
    { given: "application/json", want: 406 },
    { given: "*/*", want: 406 },
    { given: "", want: 406 },
    { given: undefined, want: 406 },
  ])("Accept: $given → $want", async ({ given, want }) => {
    const headers: Record<string, string> = given === undefined ? {} : { Accept: given };
    const reply = await send(atlas.url, fill(INVITE, ids), { headers });
    expect(reply.status).toBe(want);
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(want !== 204);
    if (want === 406) {
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(reply.body)).toMatchObject({
        error: 406,
        reason: "Not Acceptable",
        errorCode: "INVALID_VERSION_DATE",
        detail: expect.any(String),
      });
    }
  });
});

describe("sunset 2027-07-01", () => {
  test.each([
    { given: { now: "2027-06-30T23:59:59.999Z", path: INVITE }, want: 204 },
    { given: { now: "2027-07-01T00:00:00.000Z", path: INVITE }, want: 410 },
    { given: { now: "2027-07-01T00:00:00.000Z", path: MEMBER }, want: 410 },
    { given: { now: "2031-01-01T00:00:00.000Z", path: MEMBER }, want: 410 },
  ])("at $given.now $given.path → $want", async ({ given, want }) => {
    time.set(given.now);
    const reply = await send(atlas.url, fill(given.path, ids), {
      headers: { Accept: "application/vnd.atlas.2024-10-23+json" },
    });
    expect(reply.status).toBe(want);
    if (want === 410) {
      expect(reply.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(reply.body)).toEqual({
        error: 410,
        detail: "Resource version 2023-01-01 was sunset on 2027-07-01.",
        reason: "Gone",
        errorCode: "VERSION_GONE",
      });
      // Gone means gone: nothing was deleted.
      expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
      expect(atlas.state.hasTeamMember(ids.orgId, ids.teamId, ids.userId)).toBe(true);
    }
  });

  test("an unusable Accept is still a 406 after the sunset", async () => {
    time.set("2028-01-01T00:00:00Z");
    const reply = await send(atlas.url, fill(INVITE, ids), { headers: { Accept: "application/json" } });
    expect(reply.status).toBe(406);
  });
});
