/**
 * Prints a file's ts-morph statement structures once, as prettier would format them: each
 * structure becomes the document prettier's printer builds for that declaration (`module.js`,
 * `interface.js`, `assignment.js`, `function.js`, `call-arguments.js`), laid out by prettier's
 * document printer. No source file is created and nothing is parsed.
 *
 * Fields are text (printed as is) or a `DocWriter` (a document laid out in place).
 */
import {
  StructureKind,
  type ExportDeclarationStructure,
  type FunctionDeclarationStructure,
  type ImportDeclarationStructure,
  type InterfaceDeclarationStructure,
  type JSDocStructure,
  type OptionalKind,
  type StatementStructures,
  type TypeAliasDeclarationStructure,
  type TypeParameterDeclarationStructure,
  type VariableStatementStructure,
  type WriterFunction,
} from "ts-morph";
import { group, hardline, ifBreak, indent, indentIfBreak, isDocWriter, join, line, lineSuffixBoundary, PRINT_WIDTH, printDoc, softline, stringLiteral, type Doc } from "./layout.js";
import { jsDocDoc } from "./type-doc.js";

type Field = string | WriterFunction | undefined;

function fieldDoc(field: Field): Doc {
  if (field === undefined) return "";
  if (typeof field === "string") return field;
  if (isDocWriter(field)) return field.doc;
  throw new TypeError("print: a writer function needs a document (docWriter)");
}

function docsDoc(docs: (OptionalKind<JSDocStructure> | string)[] | undefined): Doc {
  return (docs ?? []).map(jsDocDoc);
}

/** `{ a, b }` of an import or export; one name never breaks (`printModuleSpecifiers`). */
function specifiersDoc(names: string[]): Doc {
  if (names.length === 0) return "{}";
  if (names.length === 1) return ["{ ", names[0]!, " }"];
  return group(["{", indent([line, join([",", line], names)]), ifBreak(","), line, "}"]);
}

function namesOf(list: unknown[] | undefined): string[] {
  return (list ?? []).map((item) => (typeof item === "string" ? item : String((item as { name: string }).name)));
}

function importDoc(s: OptionalKind<ImportDeclarationStructure>): Doc {
  const clause: Doc[] = [];
  if (s.namespaceImport !== undefined) clause.push(`* as ${s.namespaceImport}`);
  const names = namesOf(s.namedImports as unknown[] | undefined);
  if (names.length > 0) clause.push(specifiersDoc(names));
  return ["import ", s.isTypeOnly ? "type " : "", ...clause, " from ", stringLiteral(s.moduleSpecifier), ";"];
}

function exportDoc(s: OptionalKind<ExportDeclarationStructure>): Doc {
  const names = namesOf(s.namedExports as unknown[] | undefined);
  const what = s.namedExports === undefined ? "*" : specifiersDoc(names);
  const from = s.moduleSpecifier === undefined ? "" : [" from ", stringLiteral(s.moduleSpecifier)];
  return ["export ", s.isTypeOnly ? "type " : "", what, from, ";"];
}

function typeParameterDoc(p: string | OptionalKind<TypeParameterDeclarationStructure>): Doc {
  if (typeof p === "string") return p;
  const parts: Doc[] = [p.name];
  if (p.constraint !== undefined) {
    const id = Symbol("constraint");
    parts.push(" extends", group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(fieldDoc(p.constraint), { groupId: id }));
  }
  if (p.default !== undefined) {
    const id = Symbol("default");
    parts.push(" =", group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(fieldDoc(p.default), { groupId: id }));
  }
  return group(parts);
}

/** `<T extends X = Y>` of a declaration: breaks one per line, with a trailing comma. */
function typeParametersDoc(params: (string | OptionalKind<TypeParameterDeclarationStructure>)[] | undefined): Doc {
  if (!params || params.length === 0) return "";
  return group(["<", indent([softline, join([",", line], params.map(typeParameterDoc))]), ifBreak(","), softline, ">"]);
}

const exported = (s: { isExported?: boolean; hasDeclareKeyword?: boolean }) => (s.isExported ? "export " : "") + (s.hasDeclareKeyword ? "declare " : "");

function interfaceDoc(s: OptionalKind<InterfaceDeclarationStructure>): Doc {
  const members: Doc[] = (s.properties ?? []).map((p) =>
    group([docsDoc(p.docs), p.name, p.hasQuestionToken ? "?" : "", ": ", fieldDoc(p.type)]),
  );
  for (const index of s.indexSignatures ?? []) {
    members.push(group([docsDoc(index.docs), "[", index.keyName ?? "key", ": ", index.keyType ?? "string", "]: ", fieldDoc(index.returnType)]));
  }
  const body = members.length === 0 ? "{}" : group(["{", indent([line, join([";", line], members)]), ifBreak(";"), line, "}"], { shouldBreak: true });
  return [docsDoc(s.docs), group([exported(s), "interface ", s.name, typeParametersDoc(s.typeParameters), " ", body])];
}

/** `printAssignment`: "fluid" unless the value says otherwise (a union type breaks after `=`). */
function assignment(left: Doc, field: Field, right: Doc, breakAfterOperator = isDocWriter(field) && field.layout === "break-after-operator"): Doc {
  if (breakAfterOperator) return group([group(left), " =", group(indent([line, right]))]);
  const id = Symbol("assignment");
  return group([group(left), " =", group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(right, { groupId: id })]);
}

function typeAliasDoc(s: OptionalKind<TypeAliasDeclarationStructure>): Doc {
  return [docsDoc(s.docs), exported(s), assignment(["type ", s.name, typeParametersDoc(s.typeParameters)], s.type, fieldDoc(s.type)), ";"];
}

/**
 * Text initializers of the form `callee(/regex/)` or `callee("string")`, maybe after a
 * `/* @__PURE__ *\/` annotation: the argument may break out.
 */
const SINGLE_ARGUMENT_CALL = /^(\/\* @__PURE__ \*\/ )?([A-Za-z_$][\w$.]*)\((\/(?:\\.|[^\\/\n])+\/[a-z]*|"(?:\\.|[^\\"\n])*")\)$/;

/**
 * prettier's `isLoneShortArgument` for a regex (its pattern) or a string literal: a call of only
 * such an argument is "poorly breakable", so an assignment of it that does not fit breaks after `=`.
 */
const isShortArgument = (literal: string) => (literal.startsWith("/") ? literal.lastIndexOf("/") - 1 : literal.length) <= PRINT_WIDTH / 4;

function initializerDoc(field: Field): { doc: Doc; breakAfterOperator?: boolean } {
  if (typeof field === "string") {
    const call = SINGLE_ARGUMENT_CALL.exec(field);
    if (call) return { doc: [call[1] ?? "", call[2]!, callArgumentsDoc([call[3]!])], breakAfterOperator: isShortArgument(call[3]!) };
  }
  return { doc: fieldDoc(field) };
}

function variableDoc(s: OptionalKind<VariableStatementStructure>): Doc {
  const kind = s.declarationKind ?? "let";
  const declarations = s.declarations.map((d) => {
    const left: Doc = d.type === undefined ? d.name : [d.name, ": ", fieldDoc(d.type)];
    if (d.initializer === undefined) return left;
    const { doc, breakAfterOperator } = initializerDoc(d.initializer);
    return assignment(left, d.initializer, doc, breakAfterOperator);
  });
  return [docsDoc(s.docs), exported(s), group([kind, " ", join([",", line], declarations)]), ";"];
}

/** Call arguments that are not objects or functions: all on one line, else one per line. */
export function callArgumentsDoc(args: Doc[]): Doc {
  if (args.length === 0) return "()";
  return group(["(", indent([softline, join([",", line], args)]), ifBreak(","), softline, ")"]);
}

function statementsDoc(statements: FunctionDeclarationStructure["statements"]): Doc {
  const list = statements === undefined ? [] : Array.isArray(statements) ? statements : [statements];
  return list.map((statement) => {
    if (typeof statement === "string" || typeof statement === "function") return fieldDoc(statement);
    return structureDoc(statement);
  });
}

type Signature = Pick<OptionalKind<FunctionDeclarationStructure>, "docs" | "isExported" | "hasDeclareKeyword" | "typeParameters" | "parameters" | "returnType">;

function signatureDoc(name: string, s: Signature): Doc {
  const params = (s.parameters ?? []).map((p) => [
    p.name,
    p.hasQuestionToken ? "?" : "",
    p.type === undefined ? "" : [": ", fieldDoc(p.type)],
    p.initializer === undefined ? "" : [" = ", fieldDoc(p.initializer)],
  ]);
  const paramsDoc = params.length === 0 ? "()" : ["(", indent([softline, join([",", line], params)]), ifBreak(","), softline, ")"];
  const returnType = s.returnType === undefined ? "" : [": ", fieldDoc(s.returnType)];
  return [docsDoc(s.docs), exported(s), "function ", name, typeParametersDoc(s.typeParameters), group([paramsDoc, returnType])];
}

/** A function, its overloads first; declared (`.d.ts`), only the overloads when it has some. */
function functionDoc(s: OptionalKind<FunctionDeclarationStructure>): Doc {
  const name = s.name ?? "";
  const overloads = (s.overloads ?? []).map((o) => [signatureDoc(name, { ...o, isExported: s.isExported, hasDeclareKeyword: s.hasDeclareKeyword }), ";"]);
  if (s.hasDeclareKeyword) return join(hardline, overloads.length > 0 ? overloads : [[signatureDoc(name, s), ";"]]);
  const body = statementsDoc(s.statements) as Doc[];
  const implementation = [signatureDoc(name, s), " ", body.length === 0 ? "{}" : ["{", indent([hardline, join(hardline, body)]), hardline, "}"]];
  return join(hardline, [...overloads, implementation]);
}

function structureDoc(s: StatementStructures): Doc {
  switch (s.kind) {
    case StructureKind.ImportDeclaration:
      return importDoc(s);
    case StructureKind.ExportDeclaration:
      return exportDoc(s);
    case StructureKind.Interface:
      return interfaceDoc(s);
    case StructureKind.TypeAlias:
      return typeAliasDoc(s);
    case StructureKind.VariableStatement:
      return variableDoc(s);
    case StructureKind.Function:
      return functionDoc(s);
    default:
      throw new TypeError(`print: no printer for structure kind ${StructureKind[s.kind]}`);
  }
}

const isImport = (s: StatementStructures) => s.kind === StructureKind.ImportDeclaration;

/**
 * The file's text: `leading` (the header comment), then the statements, imports together and a
 * blank line between everything else. Top-level statements never share a line, so each is laid
 * out on its own, as it comes: only one statement's document is alive at a time, not a 2 MB file's.
 */
export function printFile(leading: string, statements: Iterable<StatementStructures>): string {
  const parts = [leading];
  let previous: StatementStructures | undefined;
  for (const statement of statements) {
    if (previous) parts.push(isImport(statement) && isImport(previous) ? "\n" : "\n\n");
    parts.push(printDoc(structureDoc(statement)));
    previous = statement;
  }
  parts.push("\n");
  return parts.join("");
}
