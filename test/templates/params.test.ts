import { describe, expect, test } from "vitest";
import type { OperationSpec } from "../../templates/operation.js";
import { buildUrl, headersAndBody, patternValidator, validateParams } from "../../templates/params.js";

const hex24 = patternValidator(/^([a-f0-9]{24})$/);
const spec: OperationSpec = {
  id: "op",
  method: "DELETE",
  path: "/orgs/{orgId}/things/{name}",
  accept: "application/json",
  params: {
    orgId: { in: "path", required: true, type: "string", pattern: hex24 },
    name: { in: "path", required: true, type: "string" },
    pretty: { in: "query", required: false, type: "boolean" },
    tags: { in: "query", required: false, type: "string", array: true },
    state: { in: "query", required: false, type: "string", enum: ["A", "B"] },
    limit: { in: "query", required: false, type: "integer" },
    "X-Trace": { in: "header", required: false, type: "string" },
  },
  success: { 204: "none" },
  errors: {},
  idempotent: true,
};
const ORG = "4888442a3354817a7320eb61";

describe("validateParams", () => {
  test.each([
    ["valid", { orgId: ORG, name: "n" }, []],
    ["missing required", { name: "n" }, [{ param: "orgId", message: "is required" }]],
    ["pattern mismatch", { orgId: "XYZ", name: "n" }, [{ param: "orgId", message: "must match the pattern ^([a-f0-9]{24})$" }]],
    ["number for string", { orgId: 42, name: "n" }, [{ param: "orgId", message: "must be a string, got a number" }]],
    ["empty path value", { orgId: ORG, name: "" }, [{ param: "name", message: "must not be empty" }]],
    ["dot segment", { orgId: ORG, name: ".." }, [{ param: "name", message: "must not be a dot segment" }]],
    ["string for boolean", { orgId: ORG, name: "n", pretty: "true" }, [{ param: "pretty", message: "must be a boolean, got a string" }]],
    ["enum", { orgId: ORG, name: "n", state: "C" }, [{ param: "state", message: 'must be one of "A", "B"' }]],
    ["integer", { orgId: ORG, name: "n", limit: 1.5 }, [{ param: "limit", message: "must be an integer, got a number" }]],
    ["array item", { orgId: ORG, name: "n", tags: ["a", 2] }, [{ param: "tags[1]", message: "must be a string, got a number" }]],
    ["unknown param", { orgId: ORG, name: "n", orgID: "x" }, [{ param: "orgID", message: "is not a parameter of this operation" }]],
    ["not an object", null, [{ param: "(params)", message: "must be an object, got null" }]],
    [
      "header injection",
      { orgId: ORG, name: "n", "X-Trace": "a\r\nX-Admin: 1" },
      [{ param: "X-Trace", message: "must be a valid header value (no line breaks or control characters, Latin-1 only)" }],
    ],
    [
      "every problem listed",
      { orgId: "../x", pretty: 1 },
      [
        { param: "orgId", message: "must match the pattern ^([a-f0-9]{24})$" },
        { param: "name", message: "is required" },
        { param: "pretty", message: "must be a boolean, got a number" },
      ],
    ],
  ])("%s", (_name, given, want) => {
    expect(validateParams(given, spec.params)).toEqual(want);
  });
});

describe("path, query and header values of any schema type", () => {
  const loose: OperationSpec["params"] = {
    id: { in: "path", required: true, type: "unknown" },
    ids: { in: "path", required: false, type: "string", array: true },
    "X-Any": { in: "header", required: false, type: "unknown" },
    q: { in: "query", required: false, type: "string", array: true },
  };
  test.each([
    ["dot segment", { id: ".." }, [{ param: "id", message: "must not be a dot segment" }]],
    ["lone surrogate", { id: "\ud800" }, [{ param: "id", message: "must be well-formed Unicode text" }]],
    ["lone surrogate in a query value (encodeURIComponent would throw)", { id: 1, q: ["a", "\udc00"] }, [{ param: "q[1]", message: "must be well-formed Unicode text" }]],
    ["empty array", { id: 1, ids: [] }, [{ param: "ids", message: "must not be empty" }]],
    [
      "header line break",
      { id: 1, "X-Any": "a\nb" },
      [{ param: "X-Any", message: "must be a valid header value (no line breaks or control characters, Latin-1 only)" }],
    ],
    ["a number is fine", { id: 7, "X-Any": true }, []],
  ])("%s", (_name, given, want) => {
    expect(validateParams(given, loose)).toEqual(want);
  });
});

describe("values of several types, and null for an absent value", () => {
  const rules: OperationSpec["params"] = {
    id: { in: "query", required: false, type: "string|integer", pattern: patternValidator(/^a/) },
    n: { in: "query", required: false, type: "integer|null" },
    "X-N": { in: "header", required: false, type: "string|null" },
    s: { in: "query", required: false, type: "string" },
    t: { in: "query", required: false, type: "string|null", array: true },
  };
  const many: OperationSpec = { ...spec, path: "/x", params: rules };
  test.each([
    ["either type", { id: 42, n: 1 }, []],
    ["a string still matches the pattern", { id: "b" }, [{ param: "id", message: "must match the pattern ^a" }]],
    ["neither type", { id: true }, [{ param: "id", message: "must be a string or an integer, got a boolean" }]],
    ["null where allowed", { n: null, "X-N": null, t: null }, []],
    ["null where not", { s: null }, [{ param: "s", message: "must be a string, got null" }]],
    ["another type beside null", { n: "1" }, [{ param: "n", message: "must be an integer, got a string" }]],
    ["null items of a nullable array", { t: ["a", null] }, [{ param: "t[1]", message: "must be a string, got null" }]],
  ])("%s", (_name, given, want) => {
    expect(validateParams(given, rules)).toEqual(want);
  });

  test("null is not sent, like undefined", () => {
    expect(buildUrl("https://a.test", many, { id: 4, n: null, t: null })).toBe("https://a.test/x?id=4");
    expect(headersAndBody(many, { "X-N": null }, undefined).headers).toEqual({});
  });
});

describe("buildUrl", () => {
  test.each([
    ["plain", { orgId: ORG, name: "n" }, `/orgs/${ORG}/things/n`],
    ["encodes path values", { orgId: ORG, name: "a/b?c#d e%2e" }, `/orgs/${ORG}/things/a%2Fb%3Fc%23d%20e%252e`],
    ["a path array: simple style, items encoded and joined by commas", { orgId: ORG, name: ["a,b", "c d"] }, `/orgs/${ORG}/things/a%2Cb,c%20d`],
    ["query only when given, arrays repeated", { orgId: ORG, name: "n", pretty: true, tags: ["x", "y"] }, `/orgs/${ORG}/things/n?pretty=true&tags=x&tags=y`],
    ["false is sent when given", { orgId: ORG, name: "n", pretty: false }, `/orgs/${ORG}/things/n?pretty=false`],
    ["query values percent-encoded as RFC 6570 form style: a space is %20, not +", { orgId: ORG, name: "n", tags: ["db.coll one", "a+b&c=d#é"] }, `/orgs/${ORG}/things/n?tags=db.coll%20one&tags=a%2Bb%26c%3Dd%23%C3%A9`],
  ])("%s", (_name, params, want) => {
    const url = new URL(buildUrl("https://cloud.example.com/", spec, params));
    expect(url.origin).toBe("https://cloud.example.com");
    expect(url.pathname + url.search).toBe(want);
  });

  test("header params, body and Content-Type", () => {
    expect(headersAndBody(spec, { "X-Trace": "t1", pretty: true }, undefined)).toEqual({ headers: { "X-Trace": "t1" }, body: null });
    const post: OperationSpec = {
      ...spec,
      contentType: "application/vnd.atlas.2024-05-30+json",
      params: { ...spec.params, ids: { in: "header", required: false, type: "integer", array: true }, body: { in: "body", required: true, type: "json" } },
    };
    expect(headersAndBody(post, { ids: [1, 2], body: { a: 1 } }, undefined)).toEqual({
      headers: { ids: "1,2", "Content-Type": "application/vnd.atlas.2024-05-30+json" },
      body: '{"a":1}',
    });
    expect(headersAndBody(post, { body: "x" }, "2023-01-01").headers).toEqual({ "Content-Type": "application/vnd.atlas.2023-01-01+json" });
    // An optional body left out: no Content-Type describing nothing.
    expect(headersAndBody(post, {}, undefined)).toEqual({ headers: {}, body: null });
    expect(() => headersAndBody(post, { body: { n: 1n } }, undefined)).toThrow();
  });

  test.each([
    ["formData", new FormData(), new URLSearchParams("a=1"), "must be a FormData (multipart/form-data), got an object"],
    ["urlEncoded", new URLSearchParams("a=1"), new FormData(), "must be a URLSearchParams (application/x-www-form-urlencoded), got an object"],
  ] as const)("a %s body: its own class only, sent as it is, and fetch writes the Content-Type with the multipart boundary", async (type, good, wrong, message) => {
    const form: OperationSpec = { ...spec, method: "POST", params: { body: { in: "body", required: true, type } } };
    expect(validateParams({ body: good }, form.params)).toEqual([]);
    expect(validateParams({ body: wrong }, form.params)).toEqual([{ param: "body", message }]);
    if (good instanceof FormData) good.append("file", new Blob(["x"]), "a.txt");
    const { headers, body } = headersAndBody(form, { body: good }, undefined);
    expect(headers).toEqual({});
    expect(body).toBe(good);
    const contentType = new Request("https://atlas.test/", { method: "POST", headers, body }).headers.get("content-type");
    expect(contentType).toMatch(type === "formData" ? /^multipart\/form-data; boundary=/ : /^application\/x-www-form-urlencoded/);
  });
});
