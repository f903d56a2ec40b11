import { Project } from "ts-morph";
import { describe, expect, test } from "vitest";
import { operationsFileStatements } from "../../../generator/emit/operations-file.js";
import { buildModel } from "../../../generator/model/index.js";
import { miniSpec } from "../../helpers/spec.js";

function emit(spec: Record<string, unknown>): string {
  const model = buildModel(spec);
  const names = new Map(model.patterns.map((p) => [p.source, p.name]));
  const project = new Project({ useInMemoryFileSystem: true });
  return project.createSourceFile("x.ts", { statements: operationsFileStatements(model.operations, names) }).getFullText();
}

describe("operationsFileStatements", () => {
  const spec = miniSpec([
    {
      operationId: "getThing",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } }],
      responses: { "200": { content: { "application/json": { schema: { type: "object" } } } } },
      extra: { summary: "Get one thing", deprecated: true, "x-sunset": "2030-01-01", externalDocs: { description: "Use getThingV2", url: "https://example.com/v2" } },
    },
  ]);
  const text = emit(spec);

  test.each([
    "export interface GetThingParams {",
    "export type GetThingSuccessData = { 200: operations[\"getThing\"][\"responses\"][200][\"content\"][\"application/json\"] };",
    "export type GetThingErrorStatus = keyof GetThingErrorBodies;",
    "export type GetThingResult = OperationResult<GetThingSuccessData, GetThingErrorBodies>;",
    " * @deprecated Sunset on 2030-01-01. Use instead: Use getThingV2 <https://example.com/v2>",
    " * @generated from operation GET /things/{id}",
    "export function getThing(client: Client, params: GetThingParams, options?: RequestOptions): Promise<GetThingResult> {",
    "    return send<GetThingSuccessData, GetThingErrorBodies>(client, getThingSpec, params, options);",
    "export function validateGetThingParams(params: unknown): ValidationIssue[] {",
    'import type { operations } from "./schema.js";',
  ])("emits %s", (line) => {
    expect(text.split("\n")).toContain(line);
  });

  test("an operation without required params gets a default params object", () => {
    const noParams = emit(miniSpec([{ operationId: "list", path: "/things", parameters: [] }]));
    expect(noParams).toContain("params: ListParams = {}");
  });

  test("hostile spec text stays inside comments and strings", () => {
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
    expect(hostile).toContain("*\\/ export const pwned = 1; /*");
    const project = new Project({ useInMemoryFileSystem: true });
    const file = project.createSourceFile("h.ts", hostile);
    expect(file.getVariableDeclaration("pwned")).toBeUndefined();
    expect(file.getFunctions().map((f) => f.getName())).toEqual(["validateEvilParams", "evil"]);
  });
});
