import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import {
  camelCase,
  GENERATOR_SYMBOLS,
  hasIdentifierWords,
  kebabCase,
  objectLiteralKey,
  operationsModuleName,
  operationSymbols,
  pascalCase,
  propertyKey,
} from "../../generator/names.js";

describe("names", () => {
  test.each([
    ["deleteOrgInvite", { camel: "deleteOrgInvite", pascal: "DeleteOrgInvite" }],
    ["remove-org_team user", { camel: "removeOrgTeamUser", pascal: "RemoveOrgTeamUser" }],
    ["delete", { camel: "delete_", pascal: "Delete" }],
    ["2fa-setup", { camel: "_2faSetup", pascal: "_2faSetup" }],
    ["constructor", { camel: "constructor_", pascal: "Constructor" }],
    ["__proto__", { camel: "proto", pascal: "Proto" }],
    ["ｇｅｔＵｓｅｒ", { camel: "getUser", pascal: "GetUser" }],
    ["", { camel: "_", pascal: "_" }],
  ])("%j", (given, want) => {
    expect(camelCase(given)).toBe(want.camel);
    expect(pascalCase(given)).toBe(want.pascal);
  });

  test.each([
    ["getUser", true],
    ["2fa", true],
    ["日本語", false],
    ["!!!", false],
    ["", false],
  ])("hasIdentifierWords(%j) = %s", (given, want) => expect(hasIdentifierWords(given)).toBe(want));

  test.each([
    ["Organizations", "organizations"],
    ["MongoDB Cloud Users", "mongo-db-cloud-users"],
    ["", "default"],
    ["../../etc", "etc"],
  ])("kebabCase(%j) = %j", (given, want) => expect(kebabCase(given)).toBe(want));

  test.each([
    ["Teams", "teams"],
    ["../../../etc/passwd", "etc-passwd"],
    ["/tmp/evil", "tmp-evil"],
    ["C:\\Windows", "c-windows"],
    ["日本語", "default"],
    // Files the generator writes itself, and Windows device names, are never taken by a tag.
    ["Index", "index-operations"],
    ["schema", "schema-operations"],
    ["Validators", "validators-operations"],
    ["guards", "guards-operations"],
    ["Runtime", "runtime-operations"],
    ["NUL", "nul-operations"],
    ["com1", "com1-operations"],
  ])("operationsModuleName(%j) = %j", (given, want) => expect(operationsModuleName(given)).toBe(want));

  test("a long tag is cut to a file name any file system takes, and two long tags stay apart", () => {
    const long = (last: string) => `${"Very Long Tag Name ".repeat(20)}${last}`;
    const [a, b] = [operationsModuleName(long("A")), operationsModuleName(long("B"))];
    expect(a).toMatch(/^very-long-tag-name-very-long-tag-name-very-long-tag-nam-[0-9a-f]{8}$/);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(b).not.toBe(a);
    // Tags that are one name in kebab-case stay one module, as short ones do.
    expect(operationsModuleName(long("a").toUpperCase())).toBe(operationsModuleName(long("A")));
  });

  test.each([
    ["orgId", "orgId", "orgId"],
    ["x-header", '"x-header"', '"x-header"'],
    ["1abc", '"1abc"', '"1abc"'],
    ['quo"te\\', '"quo\\"te\\\\"', '"quo\\"te\\\\"'],
    ["new\nline", '"new\\nline"', '"new\\nline"'],
    // In an object literal `__proto__:` sets the prototype, and TypeScript types keys like
    // `constructor` from Object's members: both become computed keys of type string.
    ["constructor", "constructor", '[String("constructor")]'],
    ["__proto__", "__proto__", '[String("__proto__")]'],
  ])("propertyKey(%j) = %s, objectLiteralKey = %s", (given, property, literal) => {
    expect(propertyKey(given)).toBe(property);
    expect(objectLiteralKey(given)).toBe(literal);
  });

  test("objectLiteralKey defines an own property, whatever the name, also as JavaScript", () => {
    for (const name of ["__proto__", "constructor", "toString", "a b"]) {
      const key = objectLiteralKey(name);
      const object = new Function(`return { ${key}: 1 };`)() as Record<string, unknown>;
      expect(Object.getOwnPropertyDescriptor(object, name)?.value, name).toBe(1);
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
    }
  });

  test("operationSymbols lists every name an operation declares", () => {
    expect(operationSymbols("delete")).toEqual([
      "delete_",
      "delete_Spec",
      "validateDeleteParams",
      "DeleteParams",
      "DeleteSuccessData",
      "DeleteErrorBodies",
      "DeleteErrorStatus",
      "DeleteError",
      "DeleteResult",
      "DeleteVersions",
      "DeleteVersion",
      "DeleteFormats",
      "DeleteFormat",
    ]);
  });
});

describe("the names the generated client declares", () => {
  // The checked-in client shows which names the emitter really uses; names.ts must keep up.
  const options = { noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022 };
  const program = ts.createProgram(["generated/index.ts"], options);
  const checker = program.getTypeChecker();
  const index = program.getSourceFile("generated/index.ts")!;
  const exportsOf = (source: ts.SourceFile) => checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).map((s) => s.name);
  // `export * from "./teams.js"` and the like: files whose names come from the spec.
  const specFiles = index.statements
    .filter((s): s is ts.ExportDeclaration => ts.isExportDeclaration(s) && !s.exportClause && !s.isTypeOnly)
    .map((s) => program.getSourceFile(path.join("generated", (s.moduleSpecifier as ts.StringLiteral).text.replace(/\.js$/, ".ts")))!);
  const fromSpec = new Set(specFiles.flatMap(exportsOf));
  // Schema types, re-exported by name: their names come from the spec too (all but `components`).
  const schemaTypes = new Set(exportsOf(program.getSourceFile("generated/schema.ts")!).filter((name) => name !== "components"));

  test("GENERATOR_SYMBOLS is exactly the runtime and schema names the client re-exports or imports", () => {
    const reexported = exportsOf(index).filter((name) => !fromSpec.has(name) && !schemaTypes.has(name));
    const imported = specFiles.flatMap((file) =>
      file.statements.filter(ts.isImportDeclaration).flatMap((d) => {
        const module = (d.moduleSpecifier as ts.StringLiteral).text;
        const bindings = d.importClause?.namedBindings;
        if (!module.startsWith("./runtime/") && module !== "./schema.js") return [];
        if (bindings && ts.isNamespaceImport(bindings)) return [bindings.name.text];
        return bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => e.name.text) : [];
      }),
    );
    expect([...new Set([...reexported, ...imported])].sort()).toEqual([...GENERATOR_SYMBOLS].sort());
  });

  test("operationSymbols covers every name an operation declares", () => {
    const declared = ["deleteOrgInvite", "removeOrgTeamUserFromTeam"].flatMap(operationSymbols);
    const perOperation = [...fromSpec].filter((name) => !/^(is[A-Z]|pattern_)/.test(name));
    expect(perOperation.filter((name) => !declared.includes(name))).toEqual([]);
    expect(perOperation).toEqual(expect.arrayContaining(operationSymbols("deleteOrgInvite").filter((name) => !/(Versions?|Formats?)$/.test(name))));
  });
});
