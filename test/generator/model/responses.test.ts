import { describe, expect, test } from "vitest";
import { bodyKindOf, buildErrors, buildSuccesses, preferredMediaType } from "../../../generator/model/responses.js";
import type { SchemaContext } from "../../../generator/model/schema-types.js";
import { compareVersions } from "../../../generator/model/versions.js";

const root = {
  components: {
    schemas: {
      ApiError: { type: "object", required: ["errorCode", "error"], properties: { error: { type: "integer" }, errorCode: { type: "string" }, detail: { type: "string", nullable: true } } },
      Old: { type: "object" },
      New: { type: "object" },
    },
  },
};
const ctx: SchemaContext = { root, names: new Map(["ApiError", "Old", "New"].map((n) => [n, { read: n }])), view: "read" };
const schema = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });
const atlas = (version: string, format = "json") => `application/vnd.atlas.${version}+${format}`;

describe("responses", () => {
  test.each([
    ["application/json", "json"],
    [atlas("2023-01-01"), "json"],
    ["text/csv", "text"],
    [atlas("2023-01-01", "csv"), "text"],
    [atlas("2023-01-01", "gzip"), "binary"],
    ["application/octet-stream", "binary"],
    ["application/json; charset=utf-8", "json"],
    ["application/problem+json;charset=UTF-8", "json"],
    ["Application/HAL+JSON", "json"],
    ["application/x-ndjson", "text"],
    ["application/json-seq", "text"],
    ["application/xml", "text"],
    ["application/atom+xml", "text"],
    ["text/plain; charset=utf-8", "text"],
    ["image/png", "binary"],
  ])("bodyKindOf(%s) = %s", (given, want) => expect(bodyKindOf(given)).toBe(want));

  test.each([
    [{ $ref: "#/components/schemas/New" }, "json"],
    [{ type: "array", items: { type: "string" } }, "json"],
    [{ type: "string", format: "binary" }, "binary"],
    [undefined, "binary"],
  ])("a response */* with the schema %j (springdoc's JSON) is read as %s", (schema, want) => expect(bodyKindOf("*/*", schema)).toBe(want));

  test.each([
    [[atlas("2023-01-01", "csv"), atlas("2023-01-01")], atlas("2023-01-01")],
    [["text/plain", "application/json"], "application/json"],
    [["image/png"], "image/png"],
    [[], undefined],
  ])("preferredMediaType(%j) = %s", (given, want) => expect(preferredMediaType(given)).toBe(want));

  test("versions: newest date first, preview last", () => {
    expect(["preview", "2023-01-01", "2025-03-12", "2024-08-05"].sort(compareVersions)).toEqual(["2025-03-12", "2024-08-05", "2023-01-01", "preview"]);
  });

  test("several resource versions: data by version and status, the newest's media type as Accept", () => {
    const operation = {
      responses: {
        "200": { content: { [atlas("2023-01-01")]: schema("Old") } },
        "201": { content: { [atlas("2024-05-30")]: schema("New"), [atlas("preview")]: schema("New") } },
        "204": { description: "No Content" },
      },
    };
    const { versions, data, successes, accept } = buildSuccesses(operation, ctx);
    expect(versions).toEqual(["2024-05-30", "2023-01-01", "preview"]);
    expect(accept).toBe(atlas("2024-05-30"));
    expect([...data].map(([v, list]) => [v, list.map((d) => `${d.status}:${d.type.kind === "ref" ? d.type.name : d.type.kind}`)])).toEqual([
      ["2024-05-30", ["201:New", "204:keyword"]],
      ["2023-01-01", ["200:Old", "204:keyword"]],
      ["preview", ["201:New", "204:keyword"]],
    ]);
    expect(successes.map((s) => `${s.status} ${s.bodyKind}`)).toEqual(["200 json", "201 json", "204 none"]);
  });

  test("204 with a schemaless vendor media type: no body, Accept from the media type", () => {
    const { versions, successes, accept } = buildSuccesses({ responses: { "204": { content: { [atlas("2023-01-01")]: {} } } } }, ctx);
    expect({ versions, accept, successes }).toEqual({ versions: ["2023-01-01"], accept: atlas("2023-01-01"), successes: [{ status: 204, mediaType: atlas("2023-01-01"), bodyKind: "none" }] });
  });

  test("a success */* with a schema (springdoc) is typed and read as JSON", () => {
    const { successes, data } = buildSuccesses({ responses: { "200": { content: { "*/*": schema("New") } } } }, ctx);
    expect(successes).toEqual([{ status: 200, mediaType: "*/*", bodyKind: "json" }]);
    expect(data.get(undefined)).toEqual([{ status: 200, type: { kind: "ref", name: "New" } }]);
  });

  test("a 1xx is no success (fetch never hands one over); a HEAD's documented body is none", () => {
    const operation = { responses: { "102": { description: "Processing" }, "200": { content: { "application/json": schema("New"), "text/csv": {} } } } };
    expect(buildSuccesses(operation, ctx).successes.map((s) => `${s.status} ${s.bodyKind}`)).toEqual(["200 json"]);
    const head = buildSuccesses(operation, ctx, [], true);
    expect({ successes: head.successes, data: head.data.get(undefined), formats: head.formats }).toEqual({
      successes: [{ status: 200, mediaType: "application/json", bodyKind: "none" }],
      data: [{ status: 200, type: { kind: "keyword", name: "undefined" } }],
      formats: undefined,
    });
    const errors = buildErrors({ responses: { "404": { content: { "application/json": schema("ApiError") } } } }, "headX", "HeadX", ctx, true);
    expect(errors).toEqual([{ status: 404, bodyKind: "none", type: { kind: "keyword", name: "undefined" } }]);
  });

  test("a success in JSON and CSV: formats by name, the default (JSON) first; a bodiless status stays undefined", () => {
    const operation = {
      responses: {
        "202": { description: "Accepted" },
        "200": { content: { [atlas("2023-01-01", "csv")]: { schema: { type: "string" } }, [atlas("2023-01-01")]: schema("New") } },
      },
    };
    const { accept, formats } = buildSuccesses(operation, ctx);
    expect(accept).toBe(atlas("2023-01-01"));
    const typeOf = (t: { kind: string; name?: string }) => t.name ?? t.kind;
    expect(formats?.map((f) => [f.name, f.bodyKind, f.data.map((d) => `${d.status}:${typeOf(d.type)}`)])).toEqual([
      ["json", "json", ["200:New", "202:undefined"]],
      ["csv", "text", ["200:string", "202:undefined"]],
    ]);
  });

  test("formats: none when the default media type has no body (a call without a format asks for it), none with several versions", () => {
    const jsonWithoutSchema = { responses: { "200": { content: { [atlas("2023-01-01")]: {}, [atlas("2023-01-01", "csv")]: { schema: { type: "string" } }, [atlas("2023-01-01", "gzip")]: {} } } } };
    expect(buildSuccesses(jsonWithoutSchema, ctx).formats).toBeUndefined();
    const versioned = { responses: { "200": { content: { [atlas("2023-01-01")]: schema("Old"), [atlas("2024-05-30")]: schema("New"), [atlas("2024-05-30", "csv")]: {} } } } };
    expect(buildSuccesses(versioned, ctx).formats).toBeUndefined();
  });

  test("formats: none with one media type per status; media types without a version name themselves", () => {
    expect(buildSuccesses({ responses: { "200": { content: { [atlas("2023-01-01")]: schema("New") } } } }, ctx).formats).toBeUndefined();
    const plain = { responses: { "200": { content: { "text/csv": { schema: { type: "string" } }, "application/json": schema("New") } } } };
    expect(buildSuccesses(plain, ctx).formats?.map((f) => f.name)).toEqual(["application/json", "text/csv"]);
  });

  test("gzip and csv bodies are bytes and text", () => {
    const operation = { responses: { "200": { content: { [atlas("2023-01-01", "gzip")]: { schema: { type: "string", format: "binary" } } } } } };
    expect(buildSuccesses(operation, ctx).data.get("2023-01-01")).toEqual([{ status: 200, type: { kind: "keyword", name: "Uint8Array" } }]);
    const csv = { responses: { "200": { content: { "text/csv": { schema: { type: "string" } } } } } };
    expect(buildSuccesses(csv, ctx).data.get(undefined)).toEqual([{ status: 200, type: { kind: "keyword", name: "string" } }]);
  });

  test("documented errors: the component schema's guard; an inline schema gets an operation-scoped one", () => {
    const operation = {
      responses: {
        "404": { content: { "application/json": schema("ApiError") } },
        "409": { content: { "application/json": { schema: { type: "object", required: ["m"], properties: { m: { type: "string" } } } } } },
        "410": { description: "Gone" },
        "422": { content: { "*/*": schema("ApiError") } },
      },
    };
    const errors = buildErrors(operation, "getX", "GetX", ctx);
    expect(errors.map((e) => [e.status, e.guard?.name, e.guard?.source])).toEqual([
      [404, "isApiError", "schema ApiError"],
      [409, "isGetX409Body", "the 409 response of getX"],
      [410, undefined, undefined],
      [422, "isApiError", "schema ApiError"],
    ]);
    expect(errors[0]?.guard?.required).toEqual([
      { name: "error", check: "integer" },
      { name: "errorCode", check: "string" },
    ]);
  });

  // A guard follows the read view, as the body's type does: it accepts every body the schema allows.
  test.each<[string, unknown, { check?: string; required: { name: string; check?: string }[] }]>([
    ["an object", { type: "object" }, { check: "object", required: [] }],
    ["an array", { type: "array", items: { type: "string" } }, { check: "array", required: [] }],
    ["a string", { type: "string" }, { check: "string", required: [] }],
    ["an integer or null (3.0)", { type: "integer", nullable: true }, { check: "integer|null", required: [] }],
    ["a 3.1 type list", { type: ["string", "integer", "null"] }, { check: "string|integer|null", required: [] }],
    ["no type: any JSON", {}, { required: [] }],
    ["no type but properties: an object, as its type reads it", { required: ["a"], properties: { a: { type: "string" } } }, { check: "object", required: [{ name: "a", check: "string" }] }],
    ["no type but items: an array", { items: { type: "string" } }, { check: "array", required: [] }],
    ["an allOf: what its members allow", { allOf: [{ $ref: "#/components/schemas/ApiError" }], nullable: true }, { check: "object|null", required: [] }],
    ["a oneOf: any member's types", { oneOf: [{ type: "string" }, { type: "array" }] }, { check: "string|array", required: [] }],
    ["a oneOf with a member of any type: any JSON", { oneOf: [{ type: "string" }, {}] }, { required: [] }],
    ["an enum without a type: its values' types", { enum: ["A", "B", null] }, { check: "string|null", required: [] }],
    ["a const: its value's type", { const: 3 }, { check: "number", required: [] }],
    [
      "a oneOf whose member is an allOf of a $ref: looked through (it was any JSON)",
      { oneOf: [{ $ref: "#/components/schemas/ApiError" }, { allOf: [{ allOf: [{ $ref: "#/components/schemas/ApiError" }] }] }] },
      { check: "object", required: [] },
    ],
    [
      "an allOf: the types its members share (a nullable member does not make the whole nullable)",
      { allOf: [{ type: "object", nullable: true }, { $ref: "#/components/schemas/ApiError" }] },
      { check: "object", required: [] },
    ],
    [
      "required writeOnly properties are left out, as the read view leaves them out (only a property's own flag counts)",
      {
        type: "object",
        required: ["id", "password", "secret"],
        properties: { id: { type: "string", readOnly: true }, password: { type: "string", writeOnly: true }, secret: { $ref: "#/components/schemas/Secret" } },
      },
      { check: "object", required: [{ name: "id", check: "string" }, { name: "secret", check: "string" }] },
    ],
    [
      "a property of several types accepts each; null when listed or nullable",
      {
        type: "object",
        required: ["code", "n", "m", "o", "x"],
        properties: {
          code: { type: ["string", "integer"] },
          n: { type: ["null", "integer"] },
          m: { type: "string", nullable: true },
          o: { allOf: [{ $ref: "#/components/schemas/ApiError" }], nullable: true },
          x: { type: ["string", "x-unknown"] },
        },
      },
      {
        check: "object",
        required: [
          { name: "code", check: "string|integer" },
          { name: "m", check: "string|null" },
          { name: "n", check: "integer|null" },
          { name: "o", check: "object|null" },
          { name: "x" },
        ],
      },
    ],
  ])("error body guard: %s", (_name, given, want) => {
    const named: SchemaContext = { ...ctx, root: { components: { schemas: { ...root.components.schemas, Secret: { type: "string", writeOnly: true } } } } };
    const [error] = buildErrors({ responses: { "400": { content: { "application/json": { schema: given } } } } }, "getX", "GetX", named);
    expect({ check: error?.guard?.check, required: error?.guard?.required }).toEqual(want);
  });
});
