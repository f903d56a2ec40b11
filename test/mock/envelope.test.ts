import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startMockAtlas, type MockAtlas } from "../../mock/atlas.js";
import { fill, INVITE, seed, send, V2023, type Seed } from "./http.js";

const MISSING = "/api/atlas/v2/orgs/{orgId}/invites/0123456789abcdef01234567";
const NOT_FOUND = {
  error: 404,
  detail: "No pending invitation with ID 0123456789abcdef01234567 exists in organization {orgId}.",
  reason: "Not Found",
  errorCode: "RESOURCE_NOT_FOUND",
};

let atlas: MockAtlas;
let ids: Seed;
beforeEach(async () => {
  atlas = await startMockAtlas({ requireAuth: false });
  ids = seed(atlas.state);
});
afterEach(() => atlas.close());

describe("envelope and pretty", () => {
  test.each([
    { given: { path: INVITE, query: "" }, want: { status: 204, body: undefined, pretty: false } },
    {
      given: { path: INVITE, query: "?envelope=false&pretty=false" },
      want: { status: 204, body: undefined, pretty: false },
    },
    { given: { path: INVITE, query: "?pretty=true" }, want: { status: 204, body: undefined, pretty: false } },
    { given: { path: INVITE, query: "?envelope=true" }, want: { status: 200, body: { status: 204 }, pretty: false } },
    {
      given: { path: INVITE, query: "?envelope=true&pretty=true" },
      want: { status: 200, body: { status: 204 }, pretty: true },
    },
    { given: { path: MISSING, query: "" }, want: { status: 404, body: NOT_FOUND, pretty: false } },
    { given: { path: MISSING, query: "?pretty=true" }, want: { status: 404, body: NOT_FOUND, pretty: true } },
    {
      given: { path: MISSING, query: "?envelope=true" },
      want: { status: 200, body: { status: 404, content: NOT_FOUND }, pretty: false },
    },
    {
      given: { path: MISSING, query: "?pretty=true&envelope=true" },
      want: { status: 200, body: { status: 404, content: NOT_FOUND }, pretty: true },
    },
  ])("$given.path$given.query → $want.status", async ({ given, want }) => {
    const reply = await send(atlas.url, fill(given.path + given.query, ids), { headers: { Accept: V2023 } });
    expect(reply.status).toBe(want.status);
    if (want.body === undefined) {
      expect(reply.body).toBe("");
      return;
    }
    const expected = JSON.parse(fill(JSON.stringify(want.body), ids)) as unknown;
    expect(reply.headers["content-type"]).toBe("application/json");
    expect(reply.body).toBe(JSON.stringify(expected, null, want.pretty ? 2 : undefined));
  });

  test.each([
    { given: "?envelope=yes", want: { name: "envelope", value: "yes" } },
    { given: "?envelope=TRUE", want: { name: "envelope", value: "TRUE" } },
    { given: "?envelope=", want: { name: "envelope", value: "" } },
    { given: "?envelope", want: { name: "envelope", value: "" } },
    { given: "?pretty=1", want: { name: "pretty", value: "1" } },
    { given: "?envelope=true&pretty=on", want: { name: "pretty", value: "on" } },
    { given: "?envelope=true&envelope=maybe", want: { name: "envelope", value: "maybe" } },
  ])("$given → 400, unenveloped", async ({ given, want }) => {
    const reply = await send(atlas.url, fill(INVITE + given, ids), { headers: { Accept: V2023 } });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      error: 400,
      detail: `Invalid value "${want.value}" for query parameter ${want.name}; expected true or false.`,
      reason: "Bad Request",
      errorCode: "VALIDATION_ERROR",
      parameters: [want.name, want.value],
    });
    expect(atlas.state.hasInvitation(ids.orgId, ids.invitationId)).toBe(true);
  });

  test("unknown query parameters are ignored", async () => {
    const reply = await send(atlas.url, fill(`${INVITE}?includeCount=maybe`, ids), { headers: { Accept: V2023 } });
    expect(reply.status).toBe(204);
  });
});
