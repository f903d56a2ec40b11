/** Parameter objects → `ParamModel`s (OpenAPI 3.x §4.8.12 Parameter Object). */
import { SpecError } from "../diagnostics.js";
import { toPointer } from "../diagnostics.js";
import { deref, isObject, type Json } from "../refs.js";
import { compareText } from "../order.js";
import { keyword, schemaType, union, type SchemaContext } from "./schema-types.js";
import type { ParamModel, ValueType } from "./types.js";

type ScalarShape = { valueType: ValueType; enum?: (string | number | boolean)[] };

const SCALAR_TYPES: readonly ValueType[] = ["string", "boolean", "integer", "number"];

/**
 * A `oneOf`/`anyOf` whose members are all scalars of one type: that type, and their enums when
 * every member has one. Undefined for anything else.
 */
function choiceShape(schema: Json | undefined, root: unknown, depth: number): ScalarShape | undefined {
  const members = Array.isArray(schema?.oneOf) ? schema.oneOf : Array.isArray(schema?.anyOf) ? schema.anyOf : undefined;
  if (!members || members.length === 0 || depth > 8) return undefined;
  const shapes = members.map((m) => scalarShape(deref<Json>(m, root), root, depth + 1));
  const valueType = shapes[0]!.valueType;
  if (valueType === "unknown" || !shapes.every((s) => s.valueType === valueType)) return undefined;
  const values = shapes.every((s) => s.enum) ? [...new Set(shapes.flatMap((s) => s.enum!))] : undefined;
  return { valueType, ...(values && { enum: values }) };
}

/**
 * The runtime check of a (dereferenced) parameter schema. A choice of scalars of one type is that
 * type whatever the schema's own `type` says: the raw Atlas spec declares `EventTypeForNdsGroup`
 * as `type: object` with a `oneOf` of string enums, and its values are strings.
 */
export function scalarShape(schema: Json | undefined, root: unknown, depth = 0): ScalarShape {
  const enumValues = Array.isArray(schema?.enum)
    ? schema.enum.filter((v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v))
    : undefined;
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== "null") : schema?.type;
  const valueType: ValueType = SCALAR_TYPES.includes(type as ValueType) ? (type as ValueType) : "unknown";
  const choice = enumValues === undefined ? choiceShape(schema, root, depth) : undefined;
  if (choice && (valueType === "unknown" || valueType === choice.valueType)) return choice;
  return { valueType, ...(enumValues && enumValues.length > 0 && { enum: enumValues }) };
}

const ANY_SCALAR = union([keyword("string"), keyword("number"), keyword("boolean")]);

export function buildParam(raw: unknown, ctx: SchemaContext, at: (string | number)[]): ParamModel {
  const { root } = ctx;
  const param = deref<Json>(raw, root) ?? {};
  const location = param.in;
  if (location !== "path" && location !== "query" && location !== "header") {
    throw new SpecError([
      { severity: "error", message: `parameters in ${String(location)} are not supported`, pointer: toPointer([...at, "in"]) },
    ]);
  }
  let schema = deref<Json>(param.schema, root);
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== "null") : schema?.type;
  const array = type === "array";
  if (array) schema = deref<Json>(schema?.items, root);
  const shape = scalarShape(schema, root);
  const itemType = shape.valueType === "unknown" && shape.enum === undefined ? ANY_SCALAR : undefined;
  const pattern = shape.valueType === "string" && typeof schema?.pattern === "string" ? schema.pattern : undefined;
  return {
    name: String(param.name),
    in: location,
    required: param.required === true,
    ...(typeof param.description === "string" && { description: param.description }),
    deprecated: param.deprecated === true,
    valueType: shape.valueType,
    array,
    ...(shape.enum && { enum: shape.enum }),
    ...(pattern !== undefined && { pattern }),
    type: itemType === undefined ? schemaType(param.schema, ctx) : array ? { kind: "array", items: itemType } : itemType,
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
  const path = String(at[1]);
  const rank = (p: ParamModel) => (p.in === "path" ? path.indexOf(`{${p.name}}`) : p.in === "query" ? 1e6 : 2e6);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b) || compareText(a.name, b.name));
}
