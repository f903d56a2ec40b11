/** Parameter objects → `ParamModel`s (OpenAPI 3.x §4.8.12 Parameter Object). */
import { SpecError } from "../diagnostics.js";
import { toPointer } from "../diagnostics.js";
import { deref, specText, type Json } from "../refs.js";
import { compareText } from "../order.js";
import { isNullable, keyword, schemaType, union, type SchemaContext } from "./schema-types.js";
import type { ParamModel, ParamType, TsType, ValueType } from "./types.js";

/** `valueType`: the scalar types a value may have (`string|integer`), `unknown` for any scalar. */
type ScalarShape = { valueType: ParamType; enum?: (string | number | boolean)[] };

const SCALAR_TYPES: readonly ValueType[] = ["string", "boolean", "integer", "number"];

const typeOf = (schema: Json | undefined) => (Array.isArray(schema?.type) ? schema.type.find((t) => t !== "null") : schema?.type);

/** The values an `enum` allows, or a `const` (a one-value enum), that a query string can carry. */
function enumOf(schema: Json | undefined): (string | number | boolean)[] | undefined {
  const values = Array.isArray(schema?.enum) ? schema.enum : schema && Object.hasOwn(schema, "const") ? [schema.const] : undefined;
  return values?.filter((v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v));
}

/** The scalar types a schema lists (several in a 3.1 type list) but null, `|`-separated; `unknown` for none or another. */
function scalarTypes(schema: Json | undefined): ParamType {
  const listed = (Array.isArray(schema?.type) ? schema.type : [schema?.type]).filter((t) => t !== "null");
  return listed.length > 0 && listed.every((t) => SCALAR_TYPES.includes(t as ValueType)) ? (listed.join("|") as ParamType) : "unknown";
}

/**
 * Choices already looked at, per root (members are `$ref`s into it) and schema object; null while
 * one is being looked at (a cycle).
 */
const choicesByRoot = new WeakMap<object, WeakMap<object, ScalarShape | null>>();

/**
 * A `oneOf`/`anyOf` whose members are all scalars (or such choices): their type when they share
 * one, else `unknown` (any scalar), and their enums when every member has one. Undefined for
 * anything else. Each schema object is looked at once, so shared members cost nothing more.
 */
export function scalarChoice(schema: Json | undefined, root: unknown): ScalarShape | undefined {
  const members = Array.isArray(schema?.oneOf) ? schema.oneOf : Array.isArray(schema?.anyOf) ? schema.anyOf : undefined;
  if (!schema || !members || members.length === 0) return undefined;
  const rootKey = typeof root === "object" && root !== null ? root : choicesByRoot;
  const choices = choicesByRoot.get(rootKey) ?? choicesByRoot.set(rootKey, new WeakMap()).get(rootKey)!;
  if (choices.has(schema)) return choices.get(schema) ?? undefined;
  choices.set(schema, null);
  const shapes = members.map((m): ScalarShape | undefined => {
    const member = deref<Json>(m, root);
    const valueType = scalarTypes(member);
    if (valueType !== "unknown") return { valueType, enum: enumOf(member) };
    return scalarChoice(member, root);
  });
  let shape: ScalarShape | undefined;
  if (shapes.every((s) => s !== undefined)) {
    const valueType = shapes.every((s) => s.valueType === shapes[0]!.valueType) ? shapes[0]!.valueType : "unknown";
    const values = shapes.every((s) => s.enum && s.enum.length > 0) ? [...new Set(shapes.flatMap((s) => s.enum!))] : undefined;
    shape = { valueType, ...(values && { enum: values }) };
  }
  choices.set(schema, shape ?? null);
  return shape;
}

/**
 * The runtime check of a (dereferenced) parameter schema. A choice of scalars is what its members
 * are, whatever the schema's own `type` says: the raw Atlas spec declares `EventTypeForNdsGroup`
 * as `type: object` with a `oneOf` of string enums, and its values are strings.
 */
function scalarShape(schema: Json | undefined, root: unknown): ScalarShape {
  const enumValues = enumOf(schema);
  const valueType = scalarTypes(schema);
  const choice = enumValues === undefined ? scalarChoice(schema, root) : undefined;
  if (choice && (valueType === "unknown" || valueType === choice.valueType)) return choice;
  return { valueType, ...(enumValues && enumValues.length > 0 && { enum: enumValues }) };
}

const ANY_SCALAR = union([keyword("string"), keyword("number"), keyword("boolean")]);
const isNull = (type: TsType) => type.kind === "keyword" && type.name === "null";

/** A nullable type without null; a component's declaration keeps it, so it is wrapped. */
const nonNull = (type: TsType): TsType =>
  type.kind === "union" ? union(type.members.filter((m) => !isNull(m))) : type.kind === "ref" ? { kind: "name", name: "NonNullable", args: [type] } : type;

export function buildParam(raw: unknown, ctx: SchemaContext, at: (string | number)[]): ParamModel {
  const { root } = ctx;
  const param = deref<Json>(raw, root) ?? {};
  const location = param.in;
  if (location !== "path" && location !== "query" && location !== "header") {
    throw new SpecError([
      { severity: "error", message: `parameters in ${specText(location)} are not supported`, pointer: toPointer([...at, "in"]) },
    ]);
  }
  let schema = deref<Json>(param.schema, root);
  const required = param.required === true;
  // Null is how a nullable parameter is absent (RFC 6570, which OpenAPI's styles follow, sends no
  // null): an optional one may be null, and is not sent; a required one may not.
  const nullable = schema !== undefined && isNullable(schema);
  const array = typeOf(schema) === "array";
  const rawItems = array ? schema?.items : undefined;
  if (array) schema = deref<Json>(rawItems, root);
  const shape = scalarShape(schema, root);
  const itemType = shape.valueType === "unknown" && shape.enum === undefined ? ANY_SCALAR : undefined;
  const pattern = shape.valueType.split("|").includes("string") && typeof schema?.pattern === "string" ? schema.pattern : undefined;
  // A null item has nothing to be sent as: the runtime refuses it, so the type leaves it out.
  const nullItems = array && schema !== undefined && isNullable(schema);
  const declared: TsType = nullItems ? { kind: "array", items: nonNull(schemaType(rawItems, ctx)) } : schemaType(param.schema, ctx);
  const type: TsType = itemType === undefined ? declared : array ? { kind: "array", items: itemType } : itemType;
  return {
    name: specText(param.name),
    in: location,
    required,
    ...(typeof param.description === "string" && { description: param.description }),
    deprecated: param.deprecated === true,
    valueType: nullable && !required ? `${shape.valueType}|null` : shape.valueType,
    array,
    ...(shape.enum && { enum: shape.enum }),
    ...(pattern !== undefined && { pattern }),
    type: !nullable ? type : required ? nonNull(type) : union([type, keyword("null")]),
  };
}

/** Path-level and operation-level parameters merged; the operation's win (OpenAPI §4.8.10). */
export function buildParams(pathItem: Json, operation: Json, ctx: SchemaContext, at: (string | number)[]): ParamModel[] {
  const byKey = new Map<string, ParamModel>();
  const add = (list: unknown, listAt: (string | number)[]) => {
    (Array.isArray(list) ? list : []).forEach((raw, i) => {
      const param = buildParam(raw, ctx, [...listAt, i]);
      byKey.set(`${param.in}:${param.name}`, param);
    });
  };
  add(pathItem.parameters, at.slice(0, 2).concat("parameters"));
  add(operation.parameters, [...at, "parameters"]);
  // Path parameters in template order, then query, then header ones by name: stable whatever
  // the spec's order.
  const path = specText(at[1]);
  const rank = (p: ParamModel) => (p.in === "path" ? path.indexOf(`{${p.name}}`) : p.in === "query" ? 1e6 : 2e6);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || compareText(a.name, b.name));
}
