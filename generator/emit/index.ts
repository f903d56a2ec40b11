/**
 * Emit: the model → the text of every generated file. One in-memory ts-morph project; each file's
 * statements are built as structures and printed once.
 */
import { Project, StructureKind, type StatementStructures } from "ts-morph";
import type { ApiModel, OperationModel } from "../model/index.js";
import { kebabCase } from "../names.js";
import { compareText } from "../order.js";
import { guardsFileStatements } from "./guards-file.js";
import { fileHeader, type HeaderContext } from "./header.js";
import { operationsFileStatements } from "./operations-file.js";
import { readTemplates } from "./runtime-files.js";
import { schemaFileText } from "./schema-file.js";
import { validatorsFileStatements } from "./validators-file.js";

export interface EmittedFile {
  /** Path under the output folder, with `/` separators. */
  path: string;
  text: string;
}

function groupByFile(operations: OperationModel[]): Map<string, OperationModel[]> {
  const groups = new Map<string, OperationModel[]>();
  for (const op of operations) {
    const file = `${kebabCase(op.tag)}.ts`;
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
    reexport("./schema.js", ["components", "operations", "paths"], true),
    reexport("./validators.js"),
    reexport("./guards.js"),
    ...operationFiles.map((file) => reexport(`./${file.replace(/\.ts$/, ".js")}`)),
  ];
}

export async function emitFiles(model: ApiModel, root: object, ctx: HeaderContext): Promise<EmittedFile[]> {
  const project = new Project({ useInMemoryFileSystem: true });
  const header = fileHeader(ctx);
  const print = (path: string, statements: StatementStructures[]): EmittedFile => ({
    path,
    text: project.createSourceFile(path, { leadingTrivia: header, statements }, { overwrite: true }).getFullText(),
  });

  const patternNames = new Map(model.patterns.map((p) => [p.source, p.name]));
  const groups = groupByFile(model.operations);
  const files: EmittedFile[] = [
    ...[...groups].map(([file, operations]) => print(file, operationsFileStatements(operations, patternNames))),
    print("validators.ts", validatorsFileStatements(model.patterns)),
    print("guards.ts", guardsFileStatements(model.guards)),
    print("index.ts", indexStatements([...groups.keys()])),
    { path: "schema.ts", text: header + (await schemaFileText(root)) },
    ...(await readTemplates()).map((t) => ({
      path: `runtime/${t.relative}`,
      text: fileHeader(ctx, `templates/${t.relative}`) + t.text,
    })),
  ];
  return files.sort((a, b) => compareText(a.path, b.path));
}
