import { describe, expect, test } from "vitest";
import { buildRequestBody } from "../../../generator/model/request-body.js";
import type { ParamModel } from "../../../generator/model/index.js";

const ctx = { root: {}, names: new Map(), view: "write" as const };
const param = (name: string) => ({ name }) as ParamModel;

describe("buildRequestBody", () => {
  test.each([
    ["JSON", { "application/json": { schema: { type: "object" } } }, "json", "application/json"],
    ["Atlas vendor JSON, newest version by default", { "application/vnd.atlas.2023-01-01+json": {}, "application/vnd.atlas.2024-05-30+json": {} }, "json", "application/vnd.atlas.2024-05-30+json"],
    ["text", { "text/plain": { schema: { type: "string" } } }, "string", "text/plain"],
    ["bytes", { "application/octet-stream": {} }, "binary", "application/octet-stream"],
    ["multipart form", { "multipart/form-data": { schema: { type: "object" } } }, "formData", "multipart/form-data"],
    ["URL-encoded form", { "application/x-www-form-urlencoded": { schema: { type: "object" } } }, "urlEncoded", "application/x-www-form-urlencoded"],
  ])("%s", (_name, content, valueType, mediaType) => {
    const body = buildRequestBody({ requestBody: { required: true, content } }, [], ctx, "2024-05-30");
    expect(body?.model).toMatchObject({ name: "body", required: true, valueType, mediaType });
  });

  test.each([
    ["multipart/form-data", "FormData"],
    ["application/x-www-form-urlencoded", "URLSearchParams"],
  ])("a %s body is typed %s, whatever its schema (fetch encodes it)", (mediaType, type) => {
    const body = buildRequestBody({ requestBody: { content: { [mediaType]: { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } } } } }, [], ctx, undefined);
    expect([...(body?.types ?? [])]).toEqual([[undefined, { kind: "keyword", name: type }]]);
  });

  test("one type per version; the property is renamed when a parameter is called body", () => {
    const content = { "application/vnd.atlas.2023-01-01+json": { schema: { type: "string" } }, "application/vnd.atlas.2024-05-30+json": { schema: { type: "integer" } } };
    const body = buildRequestBody({ requestBody: { content } }, [param("body")], ctx, "2024-05-30");
    expect(body?.model).toMatchObject({ name: "requestBody", required: false });
    expect([...(body?.types ?? [])]).toEqual([
      ["2023-01-01", { kind: "keyword", name: "string" }],
      ["2024-05-30", { kind: "keyword", name: "number" }],
    ]);
  });

  test("no body, or no content", () => {
    expect(buildRequestBody({}, [], ctx, undefined)).toBeUndefined();
    expect(buildRequestBody({ requestBody: { content: {} } }, [], ctx, undefined)).toBeUndefined();
  });
});
