import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { bearerAuth } from "../../../templates/auth/bearer.js";

const request = { method: "GET", url: "https://cloud.mongodb.com/api/atlas/v2" };
const unauthorized = new Response(null, { status: 401 });

describe("bearerAuth", () => {
  it("sends a fixed token and cannot do better after a 401", async () => {
    const strategy = bearerAuth("abc.def-123");
    expect(await strategy.authorize(request)).toEqual({ Authorization: "Bearer abc.def-123" });
    expect(await strategy.onUnauthorized(unauthorized, request)).toBe(false);
  });

  it("asks a token function on every attempt and allows one more after a 401", async () => {
    let n = 0;
    const strategy = bearerAuth(async () => `tok-${++n}`);
    expect(await strategy.authorize(request)).toEqual({ Authorization: "Bearer tok-1" });
    expect(await strategy.onUnauthorized(unauthorized, request)).toBe(true);
    expect(await strategy.authorize(request)).toEqual({ Authorization: "Bearer tok-2" });
    expect(await bearerAuth(() => "sync").authorize(request)).toEqual({ Authorization: "Bearer sync" });
  });

  it("trims the whitespace a pasted token brings along", async () => {
    expect(await bearerAuth(" tok\n").authorize(request)).toEqual({ Authorization: "Bearer tok" });
  });

  it.each(["", "two words", "line\nbreak", "caf\u00e9", undefined])("refuses %j without quoting it", async (token) => {
    const failure = await bearerAuth(() => token as string).authorize(request);
    expect(failure).toEqual({ kind: "auth", message: "bearer token must be a non-empty string of visible ASCII characters" });
  });

  it("keeps the token off the strategy object", () => {
    const strategy = bearerAuth("very-secret-token");
    for (const text of [JSON.stringify(strategy), inspect(strategy, { showHidden: true, depth: Infinity })]) {
      expect(text).not.toContain("very-secret-token");
    }
  });
});
