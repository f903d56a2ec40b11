import { describe, expect, test } from "vitest";
import { bodyKindOf, buildResponses, preferredMediaType } from "../../../generator/model/responses.js";

describe("responses", () => {
  test.each([
    ["application/json", "json"],
    ["application/vnd.atlas.2023-01-01+json", "json"],
    ["text/csv", "text"],
    ["application/vnd.atlas.2023-01-01+csv", "text"],
    ["application/vnd.atlas.2023-01-01+gzip", "binary"],
    ["application/octet-stream", "binary"],
  ])("bodyKindOf(%s) = %s", (given, want) => expect(bodyKindOf(given)).toBe(want));

  test.each([
    [["application/vnd.atlas.2023-01-01+json", "application/vnd.atlas.2025-03-12+json", "application/vnd.atlas.2024-08-05+json"], "application/vnd.atlas.2025-03-12+json"],
    [["text/plain", "application/json"], "application/json"],
    [["image/png"], "image/png"],
    [[], undefined],
  ])("preferredMediaType(%j) = %s", (given, want) => expect(preferredMediaType(given)).toBe(want));

  const root = {
    components: {
      schemas: {
        ApiError: {
          type: "object",
          required: ["errorCode", "error"],
          properties: { error: { type: "integer" }, errorCode: { type: "string" }, detail: { type: "string", nullable: true } },
        },
      },
    },
  };
  const apiError = { content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } } };

  test("204 with a schemaless vendor media type: no body, Accept from the media type", () => {
    const operation = {
      responses: {
        "204": { description: "No Content", content: { "application/vnd.atlas.2023-01-01+json": {} } },
        "404": apiError,
        "410": { description: "Gone" },
        default: apiError,
      },
    };
    const { successes, errors, accept } = buildResponses(operation, "op", "Op", root);
    expect(accept).toBe("application/vnd.atlas.2023-01-01+json");
    expect(successes).toEqual([
      { status: 204, description: "No Content", mediaType: "application/vnd.atlas.2023-01-01+json", bodyKind: "none", tsType: "undefined" },
    ]);
    expect(errors).toEqual([
      {
        status: 404,
        mediaType: "application/json",
        bodyKind: "json",
        tsType: 'operations["op"]["responses"][404]["content"]["application/json"]',
        guard: {
          name: "isApiError",
          tsType: 'components["schemas"]["ApiError"]',
          nullable: false,
          required: [
            { name: "error", check: "integer", nullable: false },
            { name: "errorCode", check: "string", nullable: false },
          ],
          source: "schema ApiError",
        },
      },
      { status: 410, description: "Gone", bodyKind: "none", tsType: "undefined" },
    ]);
  });

  test("200 JSON body is typed through openapi-typescript's operations", () => {
    const operation = { responses: { "200": { content: { "application/json": { schema: { type: "object" } } } } } };
    expect(buildResponses(operation, "getX", "GetX", {}).successes[0]).toMatchObject({
      bodyKind: "json",
      tsType: 'operations["getX"]["responses"][200]["content"]["application/json"]',
    });
  });

  test("inline error schema gets an operation-scoped guard", () => {
    const operation = { responses: { "400": { content: { "application/json": { schema: { type: "object", required: ["m"], properties: { m: { type: "string" } } } } } } } };
    expect(buildResponses(operation, "getX", "GetX", {}).errors[0]?.guard).toMatchObject({ name: "isGetX400Body", source: "the 400 response of getX" });
  });
});
