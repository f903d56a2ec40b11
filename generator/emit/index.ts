/**
 * Emit: the model → the text of every generated file. Each file's statements are built as
 * ts-morph structures and printed once, already formatted (`print.ts`); the runtime templates
 * are copied as they are.
 */
import { StructureKind, type StatementStructures } from "ts-morph";
import { escapeForEmbedding } from "../embedding.js";
import type { ApiModel, OperationModel } from "../model/index.js";
import { operationsFileName } from "../names.js";
import { compareText } from "../order.js";
import { guardsFileStatements } from "./guards-file.js";
import { fileHeader, type HeaderContext } from "./header.js";
import { operationsFileStatements } from "./operations-file.js";
import { printFile } from "./print.js";
import { readTemplates } from "./runtime-files.js";
import { schemaFileStatements } from "./schema-file.js";
import { validatorsFileStatements } from "./validators-file.js";

export interface EmittedFile {
  /** Path under the output folder, with `/` separators. */
  path: string;
  text: string;
}

function groupByFile(operations: OperationModel[]): Map<string, OperationModel[]> {
  const groups = new Map<string, OperationModel[]>();
  for (const op of operations) {
    const file = operationsFileName(op.tag);
    groups.set(file, [...(groups.get(file) ?? []), op]);
  }
  return new Map([...groups].sort(([a], [b]) => compareText(a, b)));
}

function indexStatements(operationFiles: string[]): StatementStructures[] {
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
    reexport("./runtime/retry.js", ["RetryOptions"], true),
    reexport("./runtime/result.js", undefined, true),
    reexport("./schema.js", ["components"], true),
    reexport("./validators.js"),
    reexport("./guards.js"),
    ...operationFiles.map((file) => reexport(`./${file.replace(/\.ts$/, ".js")}`)),
  ];
}

export async function emitFiles(model: ApiModel, ctx: HeaderContext): Promise<EmittedFile[]> {
  const header = fileHeader(ctx);
  const print = (path: string, statements: Iterable<StatementStructures>): EmittedFile => ({ path, text: escapeForEmbedding(printFile(header, statements)) });
  const templates = readTemplates();
  const patternNames = new Map(model.patterns.map((p) => [p.source, p.name]));
  const groups = groupByFile(model.operations);
  const files: EmittedFile[] = [
    ...[...groups].map(([file, operations]) => print(file, operationsFileStatements(operations, patternNames))),
    print("validators.ts", validatorsFileStatements(model.patterns)),
    print("guards.ts", guardsFileStatements(model.guards)),
    print("index.ts", indexStatements([...groups.keys()])),
    print("schema.ts", schemaFileStatements(model.schemas)),
    ...(await templates).map((t) => ({ path: `runtime/${t.relative}`, text: fileHeader(ctx, `templates/${t.relative}`) + t.text })),
  ];
  return files.sort((a, b) => compareText(a.path, b.path));
}
