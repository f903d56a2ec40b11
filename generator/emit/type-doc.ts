/**
 * `TsType` → prettier document, built as prettier's TypeScript printer builds it (`union-type.js`,
 * `intersection-type.js`, `object.js`, `type-parameters.js`), so long types break where prettier
 * breaks them.
 */
import type { OptionalKind, JSDocStructure } from "ts-morph";
import type { PropertyModel, TsType } from "../model/index.js";
import { jsDoc, type Tag } from "./jsdoc.js";
import { align, commentBlock, group, ifBreak, indent, join, line, numberLiteral, propertyKey, softline, stringLiteral, type Doc } from "./layout.js";

/** Where a type is written; it decides indentation and parentheses, as in prettier. */
export type TypeContext = "annotation" | "alias" | "array" | "intersection" | "typeArgument" | "operand";

export interface TypeDocOptions {
  /** Prefix of references to `schema.ts` declarations: `""` inside it, `schema.` elsewhere. */
  refPrefix: string;
}

/** The JSDoc lines ts-morph would print for `structure`, without trailing blanks (as prettier keeps them). */
function jsDocLines(structure: OptionalKind<JSDocStructure> | string): string[] {
  let text = typeof structure === "string" ? structure : typeof structure.description === "string" ? structure.description : "";
  if (typeof structure !== "string" && structure.tags && structure.tags.length > 0) {
    if (text.length > 0) text += "\n";
    text += structure.tags
      .map((tag) => {
        const tagText = typeof tag.text === "string" ? tag.text : "";
        return `@${tag.tagName}${tagText.length > 0 && !tagText.startsWith("\n") ? " " : ""}${tagText}`;
      })
      .join("\n");
  }
  const lines = text.split(/\r?\n/).map((l) => l.trimEnd());
  if (lines.length <= 1) return [`/** ${lines[0] ?? ""}${lines[0] ? " " : ""}*/`];
  return ["/**", ...lines.slice(lines[0] === "" ? 1 : 0).map((l) => (l.length > 0 ? ` * ${l}` : " *")), " */"];
}

export function jsDocDoc(structure: OptionalKind<JSDocStructure> | string): Doc {
  return commentBlock(jsDocLines(structure));
}

function propertyDoc(property: PropertyModel): Doc {
  const tags: Tag[] = property.deprecated ? [["deprecated"]] : [];
  return property.description !== undefined || tags.length > 0 ? jsDocDoc(jsDoc(property.description, tags)) : "";
}

const isObjectLike = (t: TsType) => t.kind === "object" || t.kind === "ref" || t.kind === "name";
const isVoid = (t: TsType) => t.kind === "keyword" && (t.name === "null" || t.name === "void");

/** `{ a: A } | null` and `Foo | null` stay on one line (`shouldHugUnionType`). */
function hugsUnion(members: TsType[]): boolean {
  const objects = members.filter(isObjectLike);
  return objects.length === 1 && members.every((m) => isObjectLike(m) || isVoid(m));
}

export function typeDoc(type: TsType, context: TypeContext, options: TypeDocOptions): Doc {
  switch (type.kind) {
    case "keyword":
      return type.name;
    case "literal":
      return typeof type.value === "string" ? stringLiteral(type.value) : typeof type.value === "number" ? numberLiteral(type.value) : String(type.value);
    case "ref":
      return options.refPrefix + type.name;
    case "name":
      return type.args && type.args.length > 0 ? [type.name, typeArgumentsDoc(type.args, options)] : type.name;
    case "indexed":
      return [operandDoc(type.object, "operand", options), "[", typeDoc(type.index, "typeArgument", options), "]"];
    case "keyof":
      return ["keyof ", operandDoc(type.type, "operand", options)];
    case "array":
      return [operandDoc(type.items, "array", options), "[]"];
    case "union":
      return unionDoc(type.members, context, options);
    case "intersection":
      return group(intersectionParts(type.members, options));
    case "object":
      return objectDoc(type, options);
  }
}

/** A type inside `(…)[]`, `(…) & T`, `(…) | T`, `keyof (…)`: parenthesized when it is a union or intersection. */
function operandDoc(type: TsType, context: TypeContext, options: TypeDocOptions): Doc {
  const parens = type.kind === "union" || type.kind === "intersection" || (type.kind === "keyof" && context !== "operand");
  const doc = typeDoc(type, context, options);
  return parens ? ["(", doc, ")"] : doc;
}

function unionDoc(members: TsType[], context: TypeContext, options: TypeDocOptions): Doc {
  if (hugsUnion(members)) return join(" | ", members.map((m) => operandDoc(m, "operand", options)));
  const code = group(members.map((m, i) => [i === 0 ? ifBreak("| ") : [line, "| "], align(2, operandDoc(m, "operand", options))]));
  // Inside parentheses (which the parent prints) the union indents within them.
  if (context === "array" || context === "intersection" || context === "operand") return group([indent([softline, code]), softline]);
  // A type alias breaks after `=` itself (see `assignmentLayout`); type arguments do not indent.
  if (context === "alias" || context === "typeArgument") return code;
  return group(indent([softline, code]));
}

/** How `type X = …` breaks: after `=` for a union, as prettier's `chooseLayout` decides. */
export function assignmentLayout(type: TsType): "break-after-operator" | "fluid" {
  return type.kind === "union" && !hugsUnion(type.members) ? "break-after-operator" : "fluid";
}

function intersectionParts(members: TsType[], options: TypeDocOptions): Doc[] {
  let wasIndented = false;
  return members.map((member, index): Doc => {
    const doc = operandDoc(member, "intersection", options);
    if (index === 0) return doc;
    const previousIsObject = members[index - 1]!.kind === "object";
    const currentIsObject = member.kind === "object";
    if (previousIsObject && currentIsObject) return [" & ", wasIndented ? indent(doc) : doc];
    if (!previousIsObject && !currentIsObject) return indent([" &", line, doc]);
    if (index > 1) wasIndented = true;
    return [" & ", index > 1 ? indent(doc) : doc];
  });
}

function objectDoc(type: Extract<TsType, { kind: "object" }>, options: TypeDocOptions): Doc {
  const members: Doc[] = type.properties.map((property) =>
    group([propertyDoc(property), propertyKey(property.name), property.optional ? "?" : "", ": ", typeDoc(property.type, "annotation", options)]),
  );
  if (type.index) members.push(group(["[key: string]: ", typeDoc(type.index, "annotation", options)]));
  if (members.length === 0) return "{}";
  // Always expanded: prettier keeps an object broken when the source breaks after `{`.
  return group(["{", indent([line, join([";", line], members)]), ifBreak(";"), line, "}"], { shouldBreak: true });
}

/** `<A, B>` of a type reference (`printTypeParameters` for an instantiation: no trailing comma). */
export function typeArgumentsDoc(args: TsType[], options: TypeDocOptions): Doc {
  const [only] = args;
  if (args.length === 1 && only && hugsType(only)) return ["<", typeDoc(only, "typeArgument", options), ">"];
  return group(["<", indent([softline, join([",", line], args.map((a) => typeDoc(a, "typeArgument", options)))]), softline, ">"]);
}

/** `shouldHugType`: keywords, literals, references without arguments, object types, `X | null`. */
function hugsType(type: TsType): boolean {
  if (type.kind === "keyword" || type.kind === "literal" || type.kind === "ref" || type.kind === "object") return true;
  if (type.kind === "name") return !type.args || type.args.length === 0;
  return type.kind === "union" && hugsUnion(type.members);
}

/** Every `schema.ts` declaration a type mentions. */
export function schemaRefs(type: TsType, into = new Set<string>()): Set<string> {
  switch (type.kind) {
    case "ref":
      into.add(type.name);
      break;
    case "array":
      schemaRefs(type.items, into);
      break;
    case "union":
    case "intersection":
      for (const member of type.members) schemaRefs(member, into);
      break;
    case "object":
      for (const property of type.properties) schemaRefs(property.type, into);
      if (type.index) schemaRefs(type.index, into);
      break;
    case "name":
      for (const arg of type.args ?? []) schemaRefs(arg, into);
      break;
    case "indexed":
      schemaRefs(type.object, into);
      schemaRefs(type.index, into);
      break;
    case "keyof":
      schemaRefs(type.type, into);
      break;
  }
  return into;
}
