import { describe, expect, test } from "vitest";
import { printFile } from "../../../generator/emit/print.js";
import { operationsFileStatements } from "../../../generator/emit/operations-file.js";
import { prettierDrift } from "../../../generator/format.js";
import { buildModel } from "../../../generator/model/index.js";
import { miniSpec } from "../../helpers/spec.js";

function emit(spec: Record<string, unknown>): string {
  const model = buildModel(spec);
  const names = new Map(model.patterns.map((p) => [p.source, p.name]));
  return printFile("", operationsFileStatements(model.operations, names));
}

const atlas = (version: string, schema?: unknown) => ({ [`application/vnd.atlas.${version}+json`]: schema === undefined ? {} : { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const components = {
  schemas: {
    Thing: { type: "object", required: ["name"], properties: { id: { type: "string", readOnly: true }, name: { type: "string" } } },
    OldThing: { type: "object", properties: { label: { type: "string" } } },
    ApiError: { type: "object", required: ["error"], properties: { error: { type: "integer" } } },
  },
};

/** One spec with every construct an operation file has. */
const spec = miniSpec(
  [
    {
      operationId: "getThing",
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } },
        { name: "tags", in: "query", schema: { type: "array", items: { type: "string", enum: ["A", "B"] } } },
        { name: "X-Trace", in: "header", schema: { type: "boolean" } },
      ],
      responses: {
        "200": { content: atlas("2023-01-01", ref("Thing")) },
        "404": { content: { "application/json": { schema: ref("ApiError") } } },
        "409": { content: { "application/json": { schema: ref("ApiError") } } },
        "422": { content: { "application/json": { schema: ref("OldThing") } } },
      },
      extra: { summary: "Get one thing", deprecated: true, "x-sunset": "2030-01-01", externalDocs: { description: "Use getThingV2", url: "https://example.com/v2" } },
    },
    {
      method: "post",
      operationId: "createThing",
      path: "/things",
      parameters: [],
      extra: { requestBody: { required: true, content: { ...atlas("2023-01-01", ref("OldThing")), ...atlas("2024-05-30", ref("Thing")) } } },
      responses: { "201": { content: { ...atlas("2023-01-01", ref("OldThing")), ...atlas("2024-05-30", ref("Thing")) } } },
    },
    { method: "post", operationId: "removeUser", path: "/teams/{id}:removeUser", responses: { "204": { content: atlas("2023-01-01") } } },
    { operationId: "list", path: "/things", parameters: [], responses: { "200": { content: { "text/csv": { schema: { type: "string" } } } } } },
  ],
  components,
);
const text = emit(spec);

describe("operationsFileStatements", () => {
  test.each([
    'import type * as schema from "./schema.js";',
    "export interface GetThingParams {",
    // Optional params take `undefined` too, as the runtime does (under exactOptionalPropertyTypes).
    "  tags?: (\"A\" | \"B\")[] | undefined;",
    '  "X-Trace"?: boolean | undefined;',
    "export type GetThingSuccessData = {",
    "  200: schema.Thing;",
    "  404: schema.ApiError;",
    "export type GetThingErrorStatus = keyof GetThingErrorBodies;",
    // Errors and results are plain unions; statuses that share a body share one member.
    "  HttpErrors<404 | 409, schema.ApiError> | HttpError<422, schema.OldThing> | CommonError;",
    "export type GetThingResult =",
    "  | Success<200, schema.Thing>",
    "      ok: false;",
    "      error: GetThingError;",
    " * @deprecated Sunset on 2030-01-01. Use instead: Use getThingV2 <https://example.com/v2>",
    " * @generated from operation GET /things/{id}",
    "export function getThing(",
    "  options?: CallOptions<\"2023-01-01\">,",
    "  return send(client, getThingSpec, params, options);",
    "export function validateGetThingParams(params: unknown): ValidationIssue[] {",
    '    "X-Trace": { in: "header", required: false, type: "boolean" },',
    // Several resource versions: body and data follow the version the call sends, named in its options.
    "export interface CreateThingVersions {",
    '  "2024-05-30": {',
    "    body: schema.ThingWrite;",
    "    data: {",
    "      201: schema.Thing;",
    "export type CreateThingVersion = keyof CreateThingVersions;",
    'export interface CreateThingParams<V extends CreateThingVersion = "2024-05-30"> {',
    '  body: BodyOf<CreateThingVersions, V>;',
    '  contentType: "application/vnd.atlas.2024-05-30+json",',
    '  versions: ["2024-05-30", "2023-01-01"],',
    '    body: { in: "body", required: true, type: "json" },',
    "export function createThing(",
    "  params: CreateThingParams,",
    '  options?: CallOptions<"2024-05-30">,',
    "): Promise<CreateThingResult>;",
    "export function createThing<V extends CreateThingVersion>(",
    "  params: CreateThingParams<V>,",
    "  options: CallOptions<V> & {",
    "    version: V;",
    "): Promise<CreateThingResult<V>>;",
    "  options?: CallOptions<CreateThingVersion>,",
    "): Promise<unknown> {",
    'export type CreateThingResult<V extends CreateThingVersion = "2024-05-30"> =',
    "  | SuccessOf<CreateThingSuccessData<V>>",
    // Custom-method paths are plain path templates.
    '  path: "/teams/{id}:removeUser",',
    // Without a version in its media types: no version to choose (nor a format); text bodies are strings.
    "  params: ListParams = {},",
    "  options?: CallOptions<never>,",
    "): Promise<ListResult> {",
    "  200: string;",
  ])("emits %s", (line) => {
    expect(text.split("\n")).toContain(line);
  });

  describe("resource versions with their own sunset", () => {
    const aging = (deprecated: boolean) =>
      emit(
        miniSpec([
          {
            operationId: "getAging",
            responses: {
              "200": {
                content: {
                  ...atlas("2025-03-12"),
                  "application/vnd.atlas.2024-05-30+json": { "x-sunset": "2027-07-01" },
                  "application/vnd.atlas.2023-01-01+json": { "x-sunset": "2025-01-01" },
                },
              },
            },
            extra: deprecated ? { deprecated: true } : {},
          },
        ]),
      ).split("\n");

    test.each([
      '  sunsets: { "2024-05-30": "2027-07-01", "2023-01-01": "2025-01-01" },',
      " * Resource versions: 2025-03-12 (default), 2024-05-30 (sunset 2027-07-01), 2023-01-01 (sunset 2025-01-01); choose one with `options.version`.",
      // The versions with a sunset get a signature of their own, marked deprecated.
      " * @deprecated Resource versions 2024-05-30 (sunset 2027-07-01), 2023-01-01 (sunset 2025-01-01) are deprecated.",
      'export function getAging<V extends "2024-05-30" | "2023-01-01">(',
      "export function getAging<V extends GetAgingVersion>(",
    ])("emits %s", (line) => expect(aging(false)).toContain(line));

    test("a deprecated operation: every signature says so once; sunsets differing from the operation's stay for the runtime", () => {
      const lines = aging(true);
      // The operation's own sunset is the earliest of its versions' (2023-01-01's): only 2024-05-30 differs.
      expect(lines).toContain('  sunsets: { "2024-05-30": "2027-07-01" },');
      expect(lines.filter((l) => l.startsWith("export function getAging"))).toHaveLength(3);
      expect(lines.filter((l) => l.includes("@deprecated"))).toEqual(Array(2).fill(" * @deprecated Sunset on 2025-01-01."));
    });

    test("a deprecated operation with one version and its own x-sunset: no sunsets of its versions", () => {
      expect(text).not.toContain("sunsets:");
    });
  });

  test("a body the spec gives a GET (Atlas's searchOrgInvoiceLineItems) is typed, and refused by the runtime rule", () => {
    const search = emit(
      miniSpec([{ operationId: "search", path: "/things:search", parameters: [], extra: { requestBody: { content: { "application/json": { schema: ref("Thing") } } } } }], components),
    ).split("\n");
    expect(search).toContain("  body?: schema.ThingWrite | undefined;");
    expect(search).toContain('    body: { in: "body", required: false, type: "unsendable" },');
  });

  test("is exactly what prettier would write", async () => {
    expect(await prettierDrift([{ path: "things.ts", text }])).toEqual([]);
  });

  test("hostile spec text stays inside comments and strings", async () => {
    const hostile = emit(
      miniSpec([
        {
          operationId: "evil",
          extra: { summary: "*/ export const pwned = 1; /*", description: "`${process.exit()}`\u2028@deprecated" },
          parameters: [{ name: "id", in: "path", required: true, description: "*/ x", schema: { type: "string" } }],
        },
      ]),
    );
    expect(hostile).not.toMatch(/^export const pwned/m);
    expect(hostile).toContain("*\\/ export const pwned = 1; /\\*");
    const { Project } = await import("ts-morph");
    const file = new Project({ useInMemoryFileSystem: true }).createSourceFile("h.ts", hostile);
    expect(file.getVariableDeclaration("pwned")).toBeUndefined();
    expect(file.getFunctions().map((f) => f.getName())).toEqual(["validateEvilParams", "evil"]);
  });
});
