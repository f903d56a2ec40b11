import { describe, expect, test } from "vitest";
import { mediaTypeIn, mediaTypeOf, shapeGuard, type PropertyCheck } from "../../templates/operation.js";

describe("media types", () => {
  test.each([
    ["application/vnd.atlas.2023-01-01+json", "2024-05-30", "application/vnd.atlas.2024-05-30+json"],
    ["application/vnd.atlas.2023-01-01+csv", "preview", "application/vnd.atlas.preview+csv"],
    ["application/json", "2024-05-30", "application/json"],
  ])("mediaTypeOf(%s, %s) = %s", (mediaType, version, want) => expect(mediaTypeOf(mediaType, version)).toBe(want));

  test.each([
    ["application/vnd.atlas.2023-01-01+json", "csv", "application/vnd.atlas.2023-01-01+csv"],
    ["application/vnd.atlas.2024-05-30+csv", "json", "application/vnd.atlas.2024-05-30+json"],
    // A format named by its whole media type (one without a version) replaces the media type.
    ["application/json", "text/csv", "text/csv"],
  ])("mediaTypeIn(%s, %s) = %s", (mediaType, format, want) => expect(mediaTypeIn(mediaType, format)).toBe(want));
});

describe("shapeGuard", () => {
  const values: Record<string, unknown> = { string: "s", number: 1.5, integer: 2, boolean: false, object: {}, array: [], null: null };
  // Which of the values above each check accepts.
  test.each<[PropertyCheck, string[]]>([
    ["string", ["string"]],
    ["number", ["number", "integer"]],
    ["integer", ["integer"]],
    ["boolean", ["boolean"]],
    ["object", ["object"]],
    ["array", ["array"]],
    ["present", ["string", "number", "integer", "boolean", "object", "array", "null"]],
    ["string|null", ["string", "null"]],
    ["object|null", ["object", "null"]],
    ["integer|null", ["integer", "null"]],
  ])("a required %s property", (check, accepted) => {
    const guard = shapeGuard<{ p: unknown }>({ p: check });
    expect(Object.keys(values).filter((name) => guard({ p: values[name] }))).toEqual(accepted);
    expect(guard({})).toBe(false);
  });

  test("a body that is not an object, or whose property is only inherited, does not pass", () => {
    const guard = shapeGuard<{ constructor: unknown }>({ constructor: "present" as PropertyCheck });
    for (const body of [null, undefined, "text", 1, [], {}]) expect(guard(body)).toBe(false);
    expect(guard({ constructor: 1 })).toBe(true);
    expect(shapeGuard({}, true)(null)).toBe(true);
  });
});
