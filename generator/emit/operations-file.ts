/**
 * One file per tag: for each operation its params, response and error types (by resource
 * version when it has several), its `OperationSpec`, its validator and its function. Built as
 * ts-morph structures for the whole file and printed once (`print.ts`).
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { OperationModel, ParamModel, TsType } from "../model/index.js";
import { compareText } from "../order.js";
import { ImportCollector } from "./imports.js";
import { jsDoc, type Tag } from "./jsdoc.js";
import { docWriter, propertyKey, type Doc } from "./layout.js";
import { callArgumentsDoc } from "./print.js";
import { statementFor } from "./forms.js";
import type { ModuleKind } from "./targets.js";
import { assignmentLayout, schemaRefs, typeDoc } from "./type-doc.js";
import { arr, code, lit, obj, str, valueDoc, type Value } from "./values.js";

const RUNTIME = "./runtime";

interface FileContext {
  imports: ImportCollector;
  patternNames: Map<string, string>;
  /** Namespace `schema.ts` is imported as. */
  schema: string;
  usesSchema: boolean;
}

const name = (n: string, args?: TsType[]): TsType => ({ kind: "name", name: n, ...(args && { args }) });
const literal = (value: string | number | boolean): TsType => ({ kind: "literal", value });
const union = (members: TsType[]): TsType => (members.length === 1 ? members[0]! : { kind: "union", members });

function typeField(type: TsType, ctx: FileContext, context: "annotation" | "alias" = "annotation") {
  if (schemaRefs(type).size > 0) ctx.usesSchema = true;
  return docWriter(typeDoc(type, context, { refPrefix: `${ctx.schema}.` }), context === "alias" ? assignmentLayout(type) : undefined);
}

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

const versionsOf = (op: OperationModel) => op.variants.flatMap((v) => (v.version === undefined ? [] : [v.version]));

/**
 * Versions with a sunset of their own, for the runtime to report: all of them unless the whole
 * operation is deprecated, then those whose date differs from the operation's.
 */
const versionSunsets = (op: OperationModel) =>
  op.variants.flatMap(({ version, sunset }) => (version !== undefined && sunset !== undefined && !(op.deprecated && sunset === op.sunset) ? [{ version, sunset }] : []));

const sunsetNote = (sunsets: { version: string; sunset: string }[]) =>
  sunsets.length === 1
    ? `Resource version ${sunsets[0]!.version} sunsets on ${sunsets[0]!.sunset}.`
    : `Resource versions ${sunsets.map((s) => `${s.version} (sunset ${s.sunset})`).join(", ")} are deprecated.`;

/** The operation's JSDoc; `sunsets` marks the signature deprecated when the operation is not. */
function functionDoc(op: OperationModel, sunsets: { version: string; sunset: string }[] = []) {
  const versions = versionsOf(op);
  const sunsetOf = new Map(versionSunsets(op).map((s) => [s.version, s.sunset]));
  const described = (v: string, i: number) => {
    const notes = [i === 0 && "default", sunsetOf.has(v) && `sunset ${sunsetOf.get(v)}`].filter(Boolean);
    return notes.length > 0 ? `${v} (${notes.join(", ")})` : v;
  };
  const body = [
    op.summary,
    op.description,
    op.roles.length > 0 ? `Required roles: ${op.roles.join(", ")}.` : undefined,
    versions.length > 1 ? `Resource versions: ${versions.map(described).join(", ")}; choose one with \`options.version\`.` : undefined,
    op.formats ? `Response formats: ${op.formats.map((f, i) => (i === 0 ? `${f.name} (default)` : f.name)).join(", ")}; choose one with \`options.format\`.` : undefined,
  ]
    .filter((s): s is string => s !== undefined)
    .join("\n\n");
  const tags: Tag[] = [];
  // The replacement's URL is in the deprecation text; no `@see` (see `operationStatements`).
  if (op.deprecated) tags.push(["deprecated", deprecationText(op)]);
  else if (sunsets.length > 0) tags.push(["deprecated", sunsetNote(sunsets)]);
  tags.push(["generated", `from operation ${op.method} ${op.path}`]);
  return jsDoc(body || op.id, tags);
}

/** The `OperationSpec` literal: plain data plus references to shared validators and guards. */
function specValue(op: OperationModel, ctx: FileContext): Value {
  const params: [string, Value][] = op.params.map((p) => [
    p.name,
    obj([
      ["in", str(p.in)],
      ["required", lit(p.required)],
      ["type", str(p.valueType)],
      ["array", p.array ? lit(true) : undefined],
      ["enum", p.enum && arr(p.enum.map((v) => (typeof v === "string" ? str(v) : lit(v))))],
      ["pattern", p.pattern === undefined ? undefined : code(ctx.imports.use("./validators.js", ctx.patternNames.get(p.pattern) ?? ""))],
    ]),
  ]);
  if (op.body) {
    // fetch throws on a body with GET or HEAD (validate.ts warns of it): a value is refused before sending.
    const type = op.method === "GET" || op.method === "HEAD" ? "unsendable" : op.body.valueType;
    params.push([op.body.name, obj([["in", str("body")], ["required", lit(op.body.required)], ["type", str(type)]])]);
  }
  const versions = versionsOf(op);
  const sunsets = versionSunsets(op);
  const replacement = op.replacement && [op.replacement.description, op.replacement.url].filter(Boolean).join(" ");
  return obj(
    [
      ["id", str(op.id)],
      ["method", str(op.method)],
      ["path", str(op.path)],
      ["accept", str(op.accept)],
      // A form's Content-Type is fetch's to write: only it knows the multipart boundary.
      ["contentType", op.body && !["formData", "urlEncoded"].includes(op.body.valueType) ? str(op.body.mediaType) : undefined],
      ["versions", versions.length > 0 ? arr(versions.map(str)) : undefined],
      ["sunsets", sunsets.length > 0 ? obj(sunsets.map((s) => [s.version, str(s.sunset)])) : undefined],
      ["params", obj(params, params.length > 0)],
      ["success", obj(op.successes.map((r) => [String(r.status), str(r.bodyKind)]))],
      ["formats", op.formats && obj(op.formats.map((f) => [f.name, str(f.bodyKind)]))],
      ["errors", obj(op.errors.map((r) => [String(r.status), r.guard ? code(ctx.imports.use("./guards.js", r.guard.name)) : code("null")]))],
      ["idempotent", lit(op.idempotent)],
      ["deprecated", op.deprecated ? obj([["sunset", op.sunset === undefined ? undefined : str(op.sunset)], ["replacement", replacement ? str(replacement) : undefined]]) : undefined],
    ],
    true,
  );
}

const object = (properties: [string, TsType][]): TsType => ({
  kind: "object",
  properties: properties.map(([n, type]) => ({ name: n, optional: false, type, deprecated: false })),
});

const dataType = (data: OperationModel["variants"][number]["data"]): TsType => object(data.map((d) => [String(d.status), d.type]));

/** An optional param's type: `undefined` is what the runtime takes as absent, also under `exactOptionalPropertyTypes`. */
const orUndefined = (type: TsType): TsType => ({ kind: "union", members: [...(type.kind === "union" ? type.members : [type]), { kind: "keyword", name: "undefined" }] });

function operationStatements(op: OperationModel, ctx: FileContext): StatementStructures[] {
  const t = op.typeName;
  const provenance: Tag = ["generated", `from operation ${op.method} ${op.path}`];
  const typeDocs = (sentence: string) => [jsDoc(sentence, [provenance])];
  // No `{@link}`: tsc parses a .ts or .d.ts file's JSDoc only when it holds `@link` or `@see`,
  // and on the full Atlas spec those ~3,900 comments cost ~8% of tsc's time.
  const fn = `\`${op.identifier}\``;
  const versions = versionsOf(op);
  const multi = versions.length > 1;
  const [defaultVariant] = op.variants;
  const use = (module: string, n: string, type = true) => ctx.imports.use(`${RUNTIME}/${module}`, n, { type });

  // Operations with several resource versions are generic in the version `V`, those with several
  // response formats in the format `F`; types follow them.
  const versionParam = { name: "V", constraint: `${t}Version`, default: JSON.stringify(versions[0]) };
  const typeParameters = multi ? [versionParam] : [];
  const withV = (n: string) => (multi ? name(n, [name("V")]) : name(n));
  const formats = op.formats;
  const formatParam = formats && { name: "F", constraint: `${t}Format`, default: JSON.stringify(formats[0]!.name) };
  const resultTypeParameters = formatParam ? [...typeParameters, formatParam] : typeParameters;
  const withVF = (n: string) => (formats ? name(n, [...(multi ? [name("V")] : []), name("F")]) : withV(n));
  const versionsEntry = (field: string): TsType => ({ kind: "indexed", object: { kind: "indexed", object: name(`${t}Versions`), index: name("V") }, index: literal(field) });

  const statements: StatementStructures[] = [];
  if (multi) {
    statements.push(
      {
        kind: StructureKind.Interface,
        name: `${t}Versions`,
        isExported: true,
        docs: typeDocs(`What ${fn} sends and receives in each resource version.`),
        properties: op.variants.map((variant) => ({
          name: propertyKey(variant.version ?? ""),
          type: typeField(object([...(variant.body ? ([["body", variant.body]] as [string, TsType][]) : []), ["data", dataType(variant.data)]]), ctx),
        })),
      },
      {
        kind: StructureKind.TypeAlias,
        name: `${t}Version`,
        isExported: true,
        docs: typeDocs(`Resource versions of ${fn}; the newest is the default.`),
        type: typeField({ kind: "keyof", type: name(`${t}Versions`) }, ctx, "alias"),
      },
    );
  }
  if (formats) {
    statements.push(
      {
        kind: StructureKind.Interface,
        name: `${t}Formats`,
        isExported: true,
        typeParameters,
        docs: typeDocs(`Response data of ${fn} by success status, in each response format.`),
        // The default format's data is the version's; the others are read as their format says.
        properties: formats.map((format, i) => ({
          name: propertyKey(format.name),
          type: typeField(i === 0 && multi ? versionsEntry("data") : dataType(format.data), ctx),
        })),
      },
      {
        kind: StructureKind.TypeAlias,
        name: `${t}Format`,
        isExported: true,
        docs: typeDocs(`Response formats of ${fn}; the first is the default.`),
        type: typeField({ kind: "keyof", type: name(`${t}Formats`) }, ctx, "alias"),
      },
    );
  }
  const bodyType: TsType = multi ? name(use("operation.js", "BodyOf"), [name(`${t}Versions`), name("V")]) : (defaultVariant?.body ?? { kind: "keyword", name: "unknown" });
  const bodyProperty = op.body && {
    name: op.body.name,
    type: typeField(op.body.required ? bodyType : orUndefined(bodyType), ctx),
    hasQuestionToken: !op.body.required,
    docs: [jsDoc(op.body.description ?? "The request body.")],
  };
  const errorBodies = object(op.errors.map((r) => [String(r.status), r.type]));
  // Unions rather than mapped types over the status maps: those, instantiated per operation, made
  // type-checking a large client several times slower.
  const success = (status: number, data: TsType) => name(use("result.js", "Success"), [literal(status), data]);
  const successes = multi || formats
    ? [name(use("result.js", "SuccessOf"), [withVF(`${t}SuccessData`)])]
    : (defaultVariant?.data ?? []).map((d) => success(d.status, d.type));
  statements.push(
    {
      kind: StructureKind.Interface,
      name: `${t}Params`,
      isExported: true,
      typeParameters,
      docs: typeDocs(`Parameters of ${fn}.`),
      properties: [
        ...op.params.map((p) => ({ name: propertyKey(p.name), type: typeField(p.required ? p.type : orUndefined(p.type), ctx), hasQuestionToken: !p.required, docs: [paramDoc(p)] })),
        ...(bodyProperty ? [bodyProperty] : []),
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}SuccessData`,
      isExported: true,
      typeParameters: resultTypeParameters,
      docs: typeDocs(`Response data of ${fn} by success status.`),
      type: typeField(
        formats
          ? { kind: "indexed", object: withV(`${t}Formats`), index: name("F") }
          : multi
            ? versionsEntry("data")
            : dataType(defaultVariant?.data ?? []),
        ctx,
        "alias",
      ),
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}ErrorBodies`,
      isExported: true,
      docs: typeDocs(`Documented error bodies of ${fn} by status.`),
      type: typeField(errorBodies, ctx, "alias"),
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}ErrorStatus`,
      isExported: true,
      docs: typeDocs(`Documented error statuses of ${fn}.`),
      type: `keyof ${t}ErrorBodies`,
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}Error`,
      isExported: true,
      docs: typeDocs(`Every way a call to ${fn} can fail.`),
      type: typeField(union([...httpErrors(op, use), name(use("result.js", "CommonError"))]), ctx, "alias"),
    },
    {
      kind: StructureKind.TypeAlias,
      name: `${t}Result`,
      isExported: true,
      typeParameters: resultTypeParameters,
      docs: typeDocs(`The result of ${fn}.`),
      type: typeField(union([...successes, object([["ok", literal(false)], ["error", name(`${t}Error`)]])]), ctx, "alias"),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [jsDoc(undefined, [provenance])],
      declarations: [{ name: `${op.identifier}Spec`, type: use("operation.js", "OperationSpec"), initializer: docWriter(valueDoc(specValue(op, ctx))) }],
    },
    {
      kind: StructureKind.Function,
      name: `validate${t}Params`,
      isExported: true,
      docs: [jsDoc(`Every problem with \`params\` for ${fn}; empty when the call may be sent.`, [provenance])],
      parameters: [{ name: "params", type: "unknown" }],
      returnType: `${use("result.js", "ValidationIssue")}[]`,
      statements: [docWriter(returnCall(use("params.js", "validateParams", false), ["params", `${op.identifier}Spec.params`]))],
    },
  );
  const hasRequired = op.params.some((p) => p.required) || op.body?.required === true;
  const callOptions = (version: TsType, format?: TsType) => name(use("operation.js", "CallOptions"), format ? [version, format] : [version]);
  const client = { name: "client", type: use("client.js", "Client") };
  // `never` where an operation has no choice: the option is then refused by the type.
  const onlyVersion = versions.length === 0 ? name("never") : literal(versions[0]!);
  // A sunset version's signature is deprecated, so editors and linters flag the calls that pick it.
  const sunsets = op.deprecated ? [] : versionSunsets(op);
  const [defaultSunsets, otherSunsets] = [sunsets.filter((s) => s.version === versions[0]), sunsets.filter((s) => s.version !== versions[0])];
  const docs = [functionDoc(op, multi ? defaultSunsets : sunsets)];
  const call = [docWriter(returnCall(use("request.js", "send", false), ["client", `${op.identifier}Spec`, "params", "options"]))];
  if (!multi && !formats) {
    statements.push({
      kind: StructureKind.Function,
      name: op.identifier,
      isExported: true,
      docs,
      parameters: [client, { name: "params", type: typeField(name(`${t}Params`), ctx), ...(!hasRequired && { initializer: "{}" }) }, { name: "options", type: typeField(callOptions(onlyVersion), ctx), hasQuestionToken: true }],
      returnType: typeField(name("Promise", [name(`${t}Result`)]), ctx),
      statements: call,
    });
    return statements;
  }
  // Two signatures: the defaults, or a version (or format) named in the options. Types follow
  // only what the call sends: never a type argument, the params' type or a maybe-present option.
  const chosen = multi ? { param: versionParam, key: "version" } : { param: formatParam!, key: "format" };
  const defaults = multi ? callOptions(literal(versions[0]!)) : callOptions(onlyVersion, literal(formats![0]!.name));
  const picked = multi ? callOptions(name("V")) : callOptions(onlyVersion, name("F"));
  // Before the options a choice makes required, params are required too (`{}` when all are optional).
  const params = (type: TsType, optional = false) => ({ name: "params", type: typeField(type, ctx), hasQuestionToken: optional });
  const { default: _default, ...generic } = chosen.param;
  // The signature for a choice among `among` (a subset of the versions or formats).
  const choice = (docs: ReturnType<typeof functionDoc>[], among: TsType) => ({
    docs,
    typeParameters: [{ ...generic, constraint: typeField(among, ctx) }],
    parameters: [
      client,
      params(multi ? name(`${t}Params`, [name("V")]) : name(`${t}Params`)),
      { name: "options", type: typeField({ kind: "intersection", members: [picked, object([[chosen.key, name(generic.name)]])] }, ctx) },
    ],
    returnType: typeField(name("Promise", [name(`${t}Result`, [name(generic.name)])]), ctx),
  });
  statements.push({
    kind: StructureKind.Function,
    name: op.identifier,
    isExported: true,
    overloads: [
      {
        docs,
        parameters: [client, params(name(`${t}Params`), !hasRequired), { name: "options", type: typeField(defaults, ctx), hasQuestionToken: true }],
        returnType: typeField(name("Promise", [name(`${t}Result`)]), ctx),
      },
      ...(multi && otherSunsets.length > 0 ? [choice([functionDoc(op, otherSunsets)], union(otherSunsets.map((s) => literal(s.version))))] : []),
      // Every version: deprecated only with the whole operation (or, without versions to choose, its one).
      choice(multi && defaultSunsets.length > 0 ? [functionDoc(op)] : docs, name(generic.constraint)),
    ],
    parameters: [
      client,
      { name: "params", type: "unknown", ...(!hasRequired && { initializer: "{}" }) },
      { name: "options", type: typeField(multi ? callOptions(name(`${t}Version`)) : callOptions(onlyVersion, name(`${t}Format`)), ctx), hasQuestionToken: true },
    ],
    returnType: "Promise<unknown>",
    statements: call,
  });
  return statements;
}

/** The documented errors, one member per distinct body: `HttpErrors<401 | 404, schema.ApiError>`. */
function httpErrors(op: OperationModel, use: (module: string, n: string) => string): TsType[] {
  const byBody = new Map<string, { type: TsType; statuses: TsType[] }>();
  for (const r of op.errors) {
    const key = JSON.stringify(r.type);
    const group = byBody.get(key) ?? { type: r.type, statuses: [] };
    group.statuses.push(literal(r.status));
    byBody.set(key, group);
  }
  return [...byBody.values()].map(({ type, statuses }) =>
    name(use("result.js", statuses.length === 1 ? "HttpError" : "HttpErrors"), [union(statuses), type]),
  );
}

function returnCall(callee: string, args: Doc[]): Doc {
  return ["return ", callee, callArgumentsDoc(args), ";"];
}

/** `import type * as schema`, renamed if an operation of the file already has that name. */
function schemaNamespace(operations: OperationModel[]): string {
  const taken = new Set(operations.map((op) => op.identifier));
  let namespace = "schema";
  while (taken.has(namespace)) namespace += "_";
  return namespace;
}

export function operationsFileStatements(operations: OperationModel[], patternNames: Map<string, string>, kind: ModuleKind = "ts"): StatementStructures[] {
  const ctx: FileContext = { imports: new ImportCollector(), patternNames, schema: schemaNamespace(operations), usesSchema: false };
  const body = operations.flatMap((op) => operationStatements(op, ctx));
  const imports = [
    ...ctx.imports.structures(kind),
    ...(ctx.usesSchema ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: "./schema.js", isTypeOnly: true, namespaceImport: ctx.schema } as const] : []),
  ].sort((a, b) => compareText(a.moduleSpecifier, b.moduleSpecifier));
  return [...imports, ...body].flatMap((s) => statementFor(s, kind) ?? []);
}
