import { describe, expect, test } from "vitest";
import { deprecationOf, mediaTypeIn, mediaTypeOf, resolvedVersion, shapeGuard, type OperationSpec, type PropertyCheck } from "../../templates/operation.js";

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

describe("resource versions and their sunsets", () => {
  const spec = (versions?: string[], sunsets?: Record<string, string>): OperationSpec => ({
    id: "op",
    method: "GET",
    path: "/",
    accept: "application/vnd.atlas.2024-05-30+json",
    ...(versions && { versions }),
    ...(sunsets && { sunsets }),
    params: {},
    success: { 200: "json" },
    errors: {},
    idempotent: true,
  });

  test.each<[string[] | undefined, string | undefined, string | undefined, string | undefined]>([
    [["2024-05-30", "2023-01-01"], undefined, undefined, "2024-05-30"],
    [["2024-05-30", "2023-01-01"], "2023-01-01", "2025-01-01", "2023-01-01"],
    [["2024-05-30", "2023-01-01"], undefined, "2024-05-30", "2024-05-30"],
    [["2024-05-30", "2023-01-01"], undefined, "2024-05-29", "2023-01-01"],
    [["2024-05-30", "2023-01-01"], undefined, "2022-12-31", undefined],
    [["2024-05-30", "preview"], undefined, "2024-01-01", undefined],
    // Without a dated default the client's date is not sent (acceptHeader), so the default stands.
    [["preview"], undefined, "2024-01-01", "preview"],
    [undefined, undefined, "2024-01-01", undefined],
  ])("versions %j, call %j, apiVersion %j: %j", (versions, version, apiVersion, want) => {
    expect(resolvedVersion(spec(versions), version, apiVersion)).toBe(want);
  });

  test("deprecationOf: the version's own sunset, else the operation's deprecation; only own keys count", () => {
    const s = spec(["2024-05-30", "2023-01-01"], { "2023-01-01": "2025-01-01" });
    expect(deprecationOf(s, "2023-01-01")).toEqual({ sunset: "2025-01-01", version: "2023-01-01" });
    expect(deprecationOf(s, "2024-05-30")).toBeUndefined();
    expect(deprecationOf(s, "constructor")).toBeUndefined();
    expect(deprecationOf({ ...s, deprecated: { replacement: "v2" } }, undefined)).toEqual({ replacement: "v2" });
  });
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
    ["string|integer", ["string", "integer"]],
    ["null|number|boolean", ["number", "integer", "boolean", "null"]],
  ])("a required %s property", (check, accepted) => {
    const guard = shapeGuard<{ p: unknown }>({ p: check });
    expect(Object.keys(values).filter((name) => guard({ p: values[name] }))).toEqual(accepted);
    expect(guard({})).toBe(false);
  });

  test("a body that is not an object, or whose property is only inherited, does not pass", () => {
    const guard = shapeGuard<{ constructor: unknown }>({ constructor: "present" as PropertyCheck });
    for (const body of [null, undefined, "text", 1, [], {}]) expect(guard(body)).toBe(false);
    expect(guard({ constructor: 1 })).toBe(true);
    expect(shapeGuard({}, "object|null")(null)).toBe(true);
  });

  // Which of the values above a body of each top-level type passes as.
  test.each<[PropertyCheck, string[]]>([
    ["array", ["array"]],
    ["string", ["string"]],
    ["integer|null", ["integer", "null"]],
    ["present", ["string", "number", "integer", "boolean", "object", "array", "null"]],
  ])("a body of type %s", (check, accepted) => {
    const guard = shapeGuard({}, check);
    expect(Object.keys(values).filter((name) => guard(values[name]))).toEqual(accepted);
  });

  test("required properties are checked on objects only, when the body may be something else", () => {
    const guard = shapeGuard({ p: "string" }, "object|array");
    expect([guard([]), guard({ p: "s" }), guard({}), guard("s")]).toEqual([true, true, false, false]);
  });
});
