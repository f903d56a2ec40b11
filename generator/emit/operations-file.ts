/**
 * One file per tag: for each operation its params, result and error types, its `OperationSpec`,
 * its validator and its function. Built as ts-morph structures for the whole file, printed once.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { propertyKey } from "../names.js";
import type { OperationModel, ParamModel } from "../model/index.js";
import { ImportCollector } from "./imports.js";
import { jsDoc, type Tag } from "./jsdoc.js";

const RUNTIME = "./runtime";

function paramDoc(param: ParamModel) {
  const tags: Tag[] = [];
  if (param.pattern !== undefined) tags.push(["pattern", param.pattern]);
  if (param.deprecated) tags.push(["deprecated"]);
  return jsDoc(param.description ?? `The \`${param.name}\` ${param.in} parameter.`, tags);
}

function deprecationText(op: OperationModel): string {
  const parts = [op.sunset ? `Sunset on ${op.sunset}.` : "This operation is deprecated."];
  if (op.replacement) {
    const { description, url } = op.replacement;
    parts.push(`Use instead: ${[description, url && `<${url}>`].filter(Boolean).join(" ")}`);
  }
  return parts.join(" ");
}

function functionDoc(op: OperationModel) {
  const body = [op.summary, op.description, op.roles.length > 0 ? `Required roles: ${op.roles.join(", ")}.` : undefined]
    .filter((s): s is string => s !== undefined)
    .join("\n\n");
  const tags: Tag[] = [];
  if (op.deprecated) tags.push(["deprecated", deprecationText(op)]);
  if (op.replacement?.url) tags.push(["see", op.replacement.url]);
  tags.push(["generated", `from operation ${op.method} ${op.path}`]);
  return jsDoc(body || op.id, tags);
}

/** The `OperationSpec` literal: plain data plus references to shared validators and guards. */
function specInitializer(op: OperationModel, patternNames: Map<string, string>, imports: ImportCollector): string {
  const s = JSON.stringify;
  const params = op.params.map((p) => {
    const fields = [`in: ${s(p.in)}`, `required: ${p.required}`, `type: ${s(p.valueType)}`];
    if (p.array) fields.push("array: true");
    if (p.enum) fields.push(`enum: ${s(p.enum)}`);
    if (p.pattern !== undefined) fields.push(`pattern: ${imports.use("./validators.js", patternNames.get(p.pattern) ?? "")}`);
    return `${propertyKey(p.name)}: { ${fields.join(", ")} }`;
  });
  const success = op.successes.map((r) => `${r.status}: ${s(r.bodyKind)}`);
  const errors = op.errors.map((r) => `${r.status}: ${r.guard ? imports.use("./guards.js", r.guard.name) : "null"}`);
  const lines = [
    `id: ${s(op.id)}`,
    `method: ${s(op.method)}`,
    `path: ${s(op.path)}`,
    `accept: ${s(op.accept)}`,
    `params: { ${params.join(", ")} }`,
    `success: { ${success.join(", ")} }`,
    `errors: { ${errors.join(", ")} }`,
    `idempotent: ${op.idempotent}`,
  ];
  if (op.deprecated) {
    const replacement = op.replacement && [op.replacement.description, op.replacement.url].filter(Boolean).join(" ");
    const fields = [op.sunset && `sunset: ${s(op.sunset)}`, replacement && `replacement: ${s(replacement)}`].filter(Boolean);
    lines.push(`deprecated: { ${fields.join(", ")} }`);
  }
  return `{\n${lines.join(",\n")}\n}`;
}

function operationStatements(op: OperationModel, patternNames: Map<string, string>, imports: ImportCollector): StatementStructures[] {
  const t = op.typeName;
  const provenance = jsDoc(undefined, [["generated", `from operation ${op.method} ${op.path}`]]);
  const typeDoc = (sentence: string) => jsDoc(sentence, [["generated", `from operation ${op.method} ${op.path}`]]);
  const fn = `{@link ${op.identifier}}`;
  const hasRequired = op.params.some((p) => p.required);
  const successMap = op.successes.map((r) => `${r.status}: ${r.tsType === "undefined" ? "undefined" : r.tsType}`);
  const errorMap = op.errors.map((r) => `${r.status}: ${r.tsType}`);
  if (successMap.length + errorMap.length > 0 && [...op.successes, ...op.errors].some((r) => r.tsType.startsWith("operations["))) {
    imports.use("./schema.js", "operations", { type: true });
  }
  const client = imports.use(`${RUNTIME}/client.js`, "Client", { type: true });
  const operationSpec = imports.use(`${RUNTIME}/operation.js`, "OperationSpec", { type: true });
  const requestOptions = imports.use(`${RUNTIME}/request.js`, "RequestOptions", { type: true });
  const operationError = imports.use(`${RUNTIME}/result.js`, "OperationError", { type: true });
  const operationResult = imports.use(`${RUNTIME}/result.js`, "OperationResult", { type: true });
  const validationIssue = imports.use(`${RUNTIME}/result.js`, "ValidationIssue", { type: true });
  const send = imports.use(`${RUNTIME}/request.js`, "send");
  const validateParams = imports.use(`${RUNTIME}/params.js`, "validateParams");

  return [
    {
      kind: StructureKind.Interface,
      name: `${t}Params`,
      isExported: true,
      docs: [typeDoc(`Parameters of ${fn}.`)],
      properties: op.params.map((p) => ({
        name: propertyKey(p.name),
        type: p.tsType,
        hasQuestionToken: !p.required,
        docs: [paramDoc(p)],
      })),
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}SuccessData`,
      isExported: true,
      docs: [typeDoc(`Response data of ${fn} by success status.`)],
      type: `{ ${successMap.join("; ")} }`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}ErrorBodies`,
      isExported: true,
      docs: [typeDoc(`Documented error bodies of ${fn} by status.`)],
      type: `{ ${errorMap.join("; ")} }`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}ErrorStatus`,
      isExported: true,
      docs: [typeDoc(`Documented error statuses of ${fn}.`)],
      type: `keyof ${t}ErrorBodies`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}Error`,
      isExported: true,
      docs: [typeDoc(`Every way a call to ${fn} can fail.`)],
      type: `${operationError}<${t}ErrorBodies>`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}Result`,
      isExported: true,
      docs: [typeDoc(`The result of ${fn}.`)],
      type: `${operationResult}<${t}SuccessData, ${t}ErrorBodies>`,
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [provenance],
      declarations: [{ name: `${op.identifier}Spec`, type: operationSpec, initializer: specInitializer(op, patternNames, imports) }],
    },
    {
      kind: StructureKind.Function,
      name: `validate${t}Params`,
      isExported: true,
      docs: [jsDoc(`Every problem with \`params\` for {@link ${op.identifier}}; empty when the call may be sent.`, [["generated", `from operation ${op.method} ${op.path}`]])],
      parameters: [{ name: "params", type: "unknown" }],
      returnType: `${validationIssue}[]`,
      statements: `return ${validateParams}(params, ${op.identifier}Spec.params);`,
    },
    {
      kind: StructureKind.Function,
      name: op.identifier,
      isExported: true,
      docs: [functionDoc(op)],
      parameters: [
        { name: "client", type: client },
        { name: "params", type: `${t}Params`, ...(!hasRequired && { initializer: "{}" }) },
        { name: "options", type: requestOptions, hasQuestionToken: true },
      ],
      returnType: `Promise<${t}Result>`,
      statements: `return ${send}<${t}SuccessData, ${t}ErrorBodies>(client, ${op.identifier}Spec, params, options);`,
    },
  ];
}

export function operationsFileStatements(operations: OperationModel[], patternNames: Map<string, string>): StatementStructures[] {
  const imports = new ImportCollector();
  const body = operations.flatMap((op) => operationStatements(op, patternNames, imports));
  return [...imports.structures(), ...body];
}
