/**
 * Emit: the model → the text of every generated file. Each module's statements are built as
 * ts-morph structures and printed once per form the target writes (`targets.ts`), already
 * formatted (`print.ts`); the runtime templates are copied as they are (`ts`) or compiled
 * (`js+dts`, `compile-runtime.ts`).
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import { escapeForEmbedding } from "../embedding.js";
import type { ApiModel, OperationModel } from "../model/index.js";
import { GENERATOR_SYMBOLS, operationSymbols, operationsModuleName } from "../names.js";
import { compareText } from "../order.js";
import { guardsFileStatements } from "./guards-file.js";
import { fileHeader, typeScriptHeader, type HeaderContext } from "./header.js";
import { operationsFileStatements } from "./operations-file.js";
import { printFile } from "./print.js";
import { readTemplates, type TemplateFile } from "./runtime-files.js";
import { schemaFileStatements } from "./schema-file.js";
import { statementFor } from "./forms.js";
import { moduleKinds, type ModuleKind, type Target } from "./targets.js";
import { validatorsFileStatements } from "./validators-file.js";

export interface EmittedFile {
  /** Path under the output folder, with `/` separators. */
  path: string;
  text: string;
}

function groupByFile(operations: OperationModel[]): Map<string, OperationModel[]> {
  const groups = new Map<string, OperationModel[]>();
  for (const op of operations) {
    const file = operationsModuleName(op.tag);
    groups.set(file, [...(groups.get(file) ?? []), op]);
  }
  return new Map([...groups].sort(([a], [b]) => compareText(a, b)));
}

/**
 * Schema types index.ts exports by name: all but those whose name another export of index.ts
 * holds (an operation's `XxxParams`, a runtime type), which stay reachable through `components`.
 */
function schemaExports(model: ApiModel): string[] {
  const taken = new Set([
    ...GENERATOR_SYMBOLS,
    ...model.operations.flatMap((op) => operationSymbols(op.id)),
    ...model.guards.map((g) => g.name),
    ...model.patterns.map((p) => p.name),
  ]);
  return model.schemas.map((s) => s.name).filter((name) => !taken.has(name));
}

function indexStatements(operationModules: string[], schemas: string[]): StatementStructures[] {
  const reexport = (module: string, names?: string[], typeOnly = false): StatementStructures => ({
    kind: StructureKind.ExportDeclaration,
    moduleSpecifier: module,
    isTypeOnly: typeOnly,
    ...(names && { namedExports: names }),
  });
  return [
    reexport("./runtime/client.js", ["createClient"]),
    reexport("./runtime/client.js", ["AuthOptions", "Client", "ClientOptions", "DeprecationInfo"], true),
    reexport("./runtime/request.js", ["RequestOptions"], true),
    reexport("./runtime/operation.js", ["CallOptions"], true),
    reexport("./runtime/retry.js", ["RetryOptions"], true),
    reexport("./runtime/result.js", undefined, true),
    reexport("./schema.js", ["components", ...schemas], true),
    reexport("./validators.js"),
    reexport("./guards.js"),
    ...operationModules.map((module) => reexport(`./${module}.js`)),
  ];
}

/** Each statement in form `kind`, lazily: `schema.ts` is printed one declaration at a time. */
function* mapStatements(statements: Iterable<StatementStructures>, kind: ModuleKind): Iterable<StatementStructures> {
  for (const statement of statements) {
    const form = statementFor(statement, kind);
    if (form) yield form;
  }
}

/** `export {};` in a file with nothing to declare: an empty file is a script, not a module, to tsc. */
function asModule(statements: StatementStructures[]): StatementStructures[] {
  return statements.length > 0 ? statements : [{ kind: StructureKind.ExportDeclaration, namedExports: [] }];
}

export interface EmitContext extends HeaderContext {
  target: Target;
}

export async function emitFiles(model: ApiModel, ctx: EmitContext): Promise<EmittedFile[]> {
  const header = (kind: ModuleKind) => (kind === "ts" ? typeScriptHeader(ctx) : fileHeader(ctx));
  const kinds = moduleKinds(ctx.target);
  // A module in each form the target writes; `schema` is types only, so it has no JavaScript.
  const module = (name: string, statements: (kind: ModuleKind) => Iterable<StatementStructures>, typesOnly = false): EmittedFile[] =>
    kinds
      .filter(([kind]) => !(typesOnly && kind === "js"))
      .map(([kind, extension]) => ({ path: name + extension, text: escapeForEmbedding(printFile(header(kind), statements(kind))) }));
  const templates = readTemplates();
  const patternNames = new Map(model.patterns.map((p) => [p.source, p.name]));
  const groups = groupByFile(model.operations);
  const files: EmittedFile[] = [
    ...[...groups].flatMap(([name, operations]) => module(name, (kind) => operationsFileStatements(operations, patternNames, kind))),
    ...module("validators", (kind) => asModule(validatorsFileStatements(model.patterns, kind))),
    ...module("guards", (kind) => asModule(guardsFileStatements(model.guards, kind))),
    ...module("index", (kind) => mapStatements(indexStatements([...groups.keys()], schemaExports(model)), kind)),
    ...module("schema", (kind) => mapStatements(schemaFileStatements(model.schemas), kind), true),
    ...(await runtimeFiles(await templates, ctx)),
    ...(ctx.target === "js+dts" ? [modulePackage(ctx)] : []),
  ];
  return files.sort((a, b) => compareText(a.path, b.path));
}

/**
 * `{"type": "module"}` for the folder: its `.js` files are ES modules wherever it sits, so Node
 * loads them (no "typeless package" reparse in a CommonJS project) and TypeScript reads their
 * declarations as ES modules too. JSON has no comments; npm's `//` key carries the header.
 */
function modulePackage(ctx: EmitContext): EmittedFile {
  const header = fileHeader(ctx).trimEnd().split("\n").map((line) => line.replace(/^\/\/ /, ""));
  return { path: "package.json", text: JSON.stringify({ "//": header, type: "module" }, null, 2) + "\n" };
}

async function runtimeFiles(templates: TemplateFile[], ctx: EmitContext): Promise<EmittedFile[]> {
  const header = (relative: string) => (ctx.target === "ts" ? typeScriptHeader : fileHeader)(ctx, `templates/${relative}`);
  if (ctx.target === "ts") return templates.map((t) => ({ path: `runtime/${t.relative}`, text: header(t.relative) + t.text }));
  const { compiledTemplates } = await import("./compile-runtime.js");
  return (await compiledTemplates(templates)).flatMap(({ relative, js, dts }) => {
    const base = `runtime/${relative.replace(/\.ts$/, "")}`;
    return [
      { path: `${base}.js`, text: header(relative) + js },
      { path: `${base}.d.ts`, text: header(relative) + dts },
    ];
  });
}
