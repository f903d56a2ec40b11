/**
 * No path-parameter value can change the request's path structure: whatever a caller passes (and
 * validation accepts), the URL keeps the template's segments, its static segments and its origin,
 * and each parameter decodes back to exactly the value given.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { OperationSpec } from "../../templates/operation.js";
import { buildUrl, validateParams } from "../../templates/params.js";

const spec: OperationSpec = {
  id: "op",
  method: "DELETE",
  path: "/api/atlas/v2/orgs/{orgId}/teams/{teamId}",
  accept: "application/json",
  params: {
    orgId: { in: "path", required: true, type: "string" },
    teamId: { in: "path", required: true, type: "string" },
  },
  success: { 204: "none" },
  errors: {},
  idempotent: true,
};

/** Any text (lone surrogates too), weighted towards characters that mean something in a URL. */
const value = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: fc.constantFrom("/", "\\", "?", "#", "%", "%2e", ".", "..", ";", "@", ":", "&", "=", "+", " ", "\t", "\n", "\u0000", "\u2028", "é", "😀", "a") }),
);

describe("buildUrl", () => {
  test("keeps the path structure for every value validation accepts", () => {
    fc.assert(
      fc.property(value, value, (orgId, teamId) => {
        fc.pre(validateParams({ orgId, teamId }, spec.params).length === 0);
        const url = new URL(buildUrl("https://cloud.mongodb.com/base/", spec, { orgId, teamId }));
        expect(url.origin).toBe("https://cloud.mongodb.com");
        expect([url.search, url.hash]).toEqual(["", ""]);
        expect(url.pathname.split("/").map(decodeURIComponent)).toEqual(["", "base", "api", "atlas", "v2", "orgs", orgId, "teams", teamId]);
      }),
      { numRuns: 1000 },
    );
  });

  test.each(["", ".", "..", "a\ud800b", "\udc00"])("refuses %j, which would remove or climb a segment or cannot be encoded", (bad) => {
    expect(validateParams({ orgId: bad, teamId: "t" }, spec.params)).toHaveLength(1);
  });
});
