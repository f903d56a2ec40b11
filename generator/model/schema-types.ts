/**
 * Schema Objects (OpenAPI 3.x §4.8.24, JSON Schema) → `TsType` trees. One pass per schema, no
 * whole-document transform: `$ref`s to component schemas become references to their
 * declarations in `schema.ts`, everything else is converted inline.
 *
 * Two views: what the server returns (`read`: `writeOnly` properties left out) and what a client
 * sends (`write`: `readOnly` properties left out), as §4.8.24.4 Fixed Fields describes them.
 */
import { SpecError } from "../diagnostics.js";
import { componentName, isObject, refTarget, specText, type Json } from "../refs.js";
import type { PropertyModel, TsType } from "./types.js";

export type View = "read" | "write";

export interface SchemaContext {
  root: unknown;
  /** TypeScript names of the component schemas' declarations (`write` only where it differs). */
  names: ReadonlyMap<string, { read: string; write?: string }>;
  view: View;
  /** The component schema being declared, for discriminator values its `allOf` parents assign it. */
  component?: string;
  /** `$ref`s being copied inline right now (meeting one again is a cycle), and copies made so far. */
  inlining?: { open: Set<string>; copies: number };
}

/**
 * Copies of inlined schemas one outermost `$ref` may make. A chain of schemas outside the components,
 * each using the next twice, doubles per link (22 links exhausted the heap); validation reports
 * where (`checkInlinedSize`), and this stops the model, which runs meanwhile, long before.
 */
export const MAX_INLINE_COPIES = 10_000;

/** A bound on inline nesting; cycles of `$ref`s are cut by `inlining`, this only ends absurd depth. */
const MAX_DEPTH = 64;

export const keyword = (name: string): TsType => ({ kind: "keyword", name });
export const UNKNOWN = keyword("unknown");
const NULL = keyword("null");
const NEVER = keyword("never");

/** Equal types get equal keys; a leaf's key needs no walk of a tree. */
function typeKey(type: TsType): string {
  if (type.kind === "keyword" || type.kind === "ref") return `${type.kind} ${type.name}`;
  if (type.kind === "literal") return `literal ${JSON.stringify(type.value)}`;
  return JSON.stringify(type);
}

const isLeaf = (type: TsType) => type.kind === "keyword" || type.kind === "ref" || type.kind === "literal";

/** A union with nested unions flattened and duplicates dropped. */
export function union(members: TsType[]): TsType {
  const all = members.flatMap((m) => (m.kind === "union" ? m.members : [m]));
  // A lone composite member (a large object `| null`) equals no other member: no need to walk it.
  const composites = all.filter((m) => !isLeaf(m)).length;
  const flat = new Map<string, TsType>();
  for (const member of all) flat.set(composites > 1 || isLeaf(member) ? typeKey(member) : "composite", member);
  const list = [...flat.values()];
  if (list.some((m) => m.kind === "keyword" && m.name === "unknown")) return UNKNOWN;
  return list.length === 0 ? NEVER : list.length === 1 ? list[0]! : { kind: "union", members: list };
}

const isPlainObject = (t: TsType): t is Extract<TsType, { kind: "object" }> => t.kind === "object" && t.index === undefined;

/** An intersection; adjacent object types with distinct property names merge into one. */
export function intersection(members: TsType[]): TsType {
  const list: TsType[] = [];
  for (const member of members.flatMap((m) => (m.kind === "intersection" ? m.members : [m]))) {
    if (member.kind === "keyword" && member.name === "unknown") continue;
    const last = list.at(-1);
    if (last && isPlainObject(last) && isPlainObject(member)) {
      const names = new Set(last.properties.map((p) => p.name));
      if (member.properties.every((p) => !names.has(p.name))) {
        list[list.length - 1] = { kind: "object", properties: [...last.properties, ...member.properties] };
        continue;
      }
    }
    list.push(member);
  }
  return list.length === 0 ? UNKNOWN : list.length === 1 ? list[0]! : { kind: "intersection", members: list };
}

function literal(value: unknown): TsType | undefined {
  if (value === null) return NULL;
  if (typeof value === "string" || typeof value === "boolean") return { kind: "literal", value };
  if (typeof value === "number" && Number.isFinite(value)) return { kind: "literal", value };
  return undefined;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

function target(schema: unknown, root: unknown): Json | undefined {
  const node = isObject(schema) && typeof schema.$ref === "string" ? refTarget(schema.$ref, root) : schema;
  return isObject(node) ? node : undefined;
}

/**
 * `readOnly`/`writeOnly` on the property itself, where OpenAPI 3.0 gives them a meaning. A flag on
 * a schema it references is not enough: Atlas marks shared schemas `readOnly` that its requests
 * send (`BaseCloudProviderInstanceSize`, the `maxInstanceSize` of `createGroupCluster`'s own
 * example), and a request type that refuses what the API takes is worse than one that allows a
 * value the server ignores.
 */
export function hiddenIn(view: View, property: unknown): boolean {
  return isObject(property) && property[view === "read" ? "writeOnly" : "readOnly"] === true;
}

export const isNullable = (schema: Json): boolean => schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes("null"));

export function schemaType(schema: unknown, ctx: SchemaContext, depth = 0): TsType {
  if (schema === false) return NEVER;
  if (!isObject(schema) || depth > MAX_DEPTH) return UNKNOWN;
  if (typeof schema.$ref === "string") return refType(schema.$ref, ctx, depth);
  const type = ownType(schema, ctx, depth);
  return isNullable(schema) ? union([type, NULL]) : type;
}

function refType(ref: string, ctx: SchemaContext, depth: number): TsType {
  const component = componentName(ref, "schemas");
  const names = component === undefined ? undefined : ctx.names.get(component);
  if (names) return { kind: "ref", name: (ctx.view === "write" && names.write) || names.read };
  // A cycle outside the component schemas, which validation reports: cut here instead of copying for ever.
  const inlining = ctx.inlining ?? { open: new Set<string>(), copies: 0 };
  if (inlining.open.has(ref)) return UNKNOWN;
  if (++inlining.copies > MAX_INLINE_COPIES) {
    const outermost = inlining.open.values().next().value ?? ref;
    const message = `schemas outside #/components/schemas are copied inline at every use: "${outermost}" would copy more than ${MAX_INLINE_COPIES} of them into one type; move it, or the schemas it refers to, to #/components/schemas`;
    throw new SpecError([{ severity: "error", message, pointer: outermost.startsWith("#") ? outermost.slice(1) : "" }]);
  }
  inlining.open.add(ref);
  try {
    // A component that is a `$ref` is its target: still the component's own level (depth 0),
    // where its allOf makes it a discriminator's child. The inlining set ends a chain of them.
    return schemaType(refTarget(ref, ctx.root), ctx.inlining ? ctx : { ...ctx, inlining }, depth === 0 ? 0 : depth + 1);
  } finally {
    inlining.open.delete(ref);
  }
}

function ownType(schema: Json, ctx: SchemaContext, depth: number): TsType {
  const literals = Array.isArray(schema.enum) ? schema.enum.map(literal) : undefined;
  // An object or array value has no literal type: the schema's type without its enum is the safe side.
  if (literals && literals.every((t) => t !== undefined)) return union(literals);
  if (Object.hasOwn(schema, "const")) return literal(schema.const) ?? UNKNOWN;
  const choices = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined;
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : undefined;
  if (!choices && !allOf) return typed(schema, ctx, depth);
  const own = choices ? parentOwn(schema, ctx, depth) : hasObjectFields(schema) ? objectType(schema, ctx, depth) : undefined;
  return intersection([
    ...(allOf ?? []).flatMap((member) => allOfMember(member, ctx, depth)),
    ...(own ? [own] : []),
    ...(choices ? [union(choices.map((member) => choiceMember(member, schema, ctx, depth)))] : []),
  ]);
}

function hasObjectFields(schema: Json): boolean {
  return isObject(schema.properties) || (schema.additionalProperties !== undefined && schema.additionalProperties !== false);
}

/**
 * What an array holds. With 3.1 `prefixItems` (a tuple), any of its item types or of `items`
 * after them (none when `items: false`): an array of the union, not a tuple type.
 */
function itemsType(schema: Json, ctx: SchemaContext, depth: number): TsType {
  if (!Array.isArray(schema.prefixItems)) return schemaType(schema.items, ctx, depth + 1);
  const prefix = schema.prefixItems.map((item) => schemaType(item, ctx, depth + 1));
  return union(schema.items === false ? prefix : [...prefix, schemaType(schema.items, ctx, depth + 1)]);
}

/** A schema's JSON types: its `type` (a list in 3.1), else what its fields imply; none when it says nothing. */
export function jsonTypes(schema: Json): unknown[] {
  const declared = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  return declared.length > 0 ? declared : hasObjectFields(schema) ? ["object"] : schema.items !== undefined || schema.prefixItems !== undefined ? ["array"] : [];
}

/** A schema without composition, by its JSON types. */
function typed(schema: Json, ctx: SchemaContext, depth: number): TsType {
  const types = jsonTypes(schema);
  if (types.length === 0) return UNKNOWN;
  return union(
    types.map((type): TsType => {
      switch (type) {
        case "string":
        case "boolean":
          return keyword(type);
        case "integer":
        case "number":
          return keyword("number");
        case "null":
          return NULL;
        case "array":
          return { kind: "array", items: itemsType(schema, ctx, depth) };
        case "object":
          return objectType(schema, ctx, depth);
        default:
          return UNKNOWN;
      }
    }),
  );
}

function objectType(schema: Json, ctx: SchemaContext, depth: number): TsType {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : []);
  const properties: PropertyModel[] = [];
  for (const [name, property] of Object.entries(isObject(schema.properties) ? schema.properties : {})) {
    if (hiddenIn(ctx.view, property)) continue;
    const doc = isObject(property) ? property : {};
    const description = text(doc.description);
    properties.push({
      name,
      optional: !required.has(name),
      type: schemaType(property, ctx, depth + 1),
      ...(description !== undefined && { description }),
      deprecated: doc.deprecated === true,
    });
  }
  const extra = schema.additionalProperties;
  // Named properties must fit the index signature (TS2411), so with both the index is `unknown`.
  const index =
    extra === false
      ? undefined
      : extra === undefined
        ? properties.length === 0 && !isObject(schema.properties)
          ? UNKNOWN
          : undefined
        : properties.length > 0 || extra === true
          ? UNKNOWN
          : schemaType(extra, ctx, depth + 1);
  return { kind: "object", properties, ...(index !== undefined && { index }) };
}

/** Mapping values (§4.8.25 Discriminator Object) that select `component`; its name when unmapped. */
function discriminatorValues(discriminator: unknown, component: string): string[] {
  if (!isObject(discriminator) || typeof discriminator.propertyName !== "string") return [];
  if (!isObject(discriminator.mapping)) return [component];
  return Object.entries(discriminator.mapping)
    .filter(([, to]) => to === component || (typeof to === "string" && componentName(to, "schemas") === component))
    .map(([value]) => value);
}

function discriminatorObject(discriminator: unknown, values: string[]): TsType | undefined {
  if (values.length === 0 || !isObject(discriminator)) return undefined;
  const type = union(values.map((value) => ({ kind: "literal", value }) as const));
  return { kind: "object", properties: [{ name: specText(discriminator.propertyName), optional: false, type, deprecated: false }] };
}

/**
 * The parent's discriminator property, when its own `enum` lacks some of `values` (Atlas maps `S3`
 * to `StreamsS3Connection`, but `StreamsConnection.type` lists no `S3`): intersected as it is, the
 * property would be `never`, so the children's values replace it instead.
 */
function clashingProperty(parent: Json, values: string[], root: unknown): string | undefined {
  const name = isObject(parent.discriminator) ? parent.discriminator.propertyName : undefined;
  const property = typeof name === "string" && isObject(parent.properties) ? target(parent.properties[name], root) : undefined;
  const allowed = property?.enum;
  return Array.isArray(allowed) && values.some((value) => !allowed.includes(value)) ? specText(name) : undefined;
}

/** A parent's own properties, without the discriminator property if its children's values clash with it. */
function parentOwn(parent: Json, ctx: SchemaContext, depth: number): TsType | undefined {
  const own = hasObjectFields(parent) ? objectType(parent, ctx, depth) : undefined;
  const mapping = isObject(parent.discriminator) && isObject(parent.discriminator.mapping) ? Object.keys(parent.discriminator.mapping) : [];
  return withoutProperty(own, clashingProperty(parent, mapping, ctx.root));
}

const withoutProperty = (type: TsType | undefined, name: string | undefined): TsType | undefined =>
  type?.kind === "object" && name !== undefined ? { ...type, properties: type.properties.filter((p) => p.name !== name) } : type;

/**
 * An `allOf` member. A parent whose `oneOf` lists its children contributes only its own
 * properties: the whole parent would be the union of the children, itself included. Only a
 * component's own `allOf` (depth 0) makes it a child of a discriminator: a property declared as
 * `allOf: [Parent]` (a reference with a description) is any of the parent's children.
 */
function allOfMember(member: unknown, ctx: SchemaContext, depth: number): TsType[] {
  const ref = isObject(member) && typeof member.$ref === "string" ? member.$ref : undefined;
  const parent = ref === undefined ? undefined : target(member, ctx.root);
  if (!parent) return [schemaType(member, ctx, depth + 1)];
  const values = ctx.component === undefined || depth > 0 ? [] : discriminatorValues(parent.discriminator, ctx.component);
  const narrowing = discriminatorObject(parent.discriminator, values);
  const replaced = narrowing && clashingProperty(parent, values, ctx.root);
  if (!Array.isArray(parent.oneOf) && !Array.isArray(parent.anyOf)) {
    // A plain parent is copied without the property (Omit<> would lose a nullable parent's
    // properties); a composed one keeps it, as the spec has it.
    const plain = replaced !== undefined && hasObjectFields(parent) && !Array.isArray(parent.allOf);
    const base = plain ? withoutProperty(objectType(parent, ctx, depth + 1), replaced)! : schemaType(member, ctx, depth + 1);
    return [base, ...(narrowing ? [narrowing] : [])];
  }
  const base = withoutProperty(hasObjectFields(parent) ? objectType(parent, ctx, depth + 1) : undefined, replaced);
  return [...(base ? [base] : []), ...(narrowing ? [narrowing] : [])];
}

/** A `oneOf`/`anyOf` member, narrowed to its discriminator values unless it narrows itself. */
function choiceMember(member: unknown, parent: Json, ctx: SchemaContext, depth: number): TsType {
  const type = schemaType(member, ctx, depth + 1);
  const ref = isObject(member) && typeof member.$ref === "string" ? member.$ref : undefined;
  const component = ref === undefined ? undefined : componentName(ref, "schemas");
  if (component === undefined || parent.discriminator === undefined) return type;
  const child = target(member, ctx.root);
  const selfNarrowing = (Array.isArray(child?.allOf) ? child.allOf : []).some(
    (m) => isObject(m) && typeof m.$ref === "string" && ctx.component !== undefined && componentName(m.$ref, "schemas") === ctx.component,
  );
  const narrowing = selfNarrowing ? undefined : discriminatorObject(parent.discriminator, discriminatorValues(parent.discriminator, component));
  return narrowing ? intersection([type, narrowing]) : type;
}
