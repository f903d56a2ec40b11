/**
 * Responses objects (OpenAPI 3.x §4.8.16) → response data by resource version and status, the
 * runtime's success table, and documented errors with their guards.
 */
import { compareText } from "../order.js";
import { componentName, deref, isObject, type Json } from "../refs.js";
import { hiddenIn, jsonTypes, keyword, schemaType, type SchemaContext } from "./schema-types.js";
import { byVersion, compareVersions, versionOf } from "./versions.js";
import type { BodyKind, ErrorResponseModel, FormatModel, GuardModel, ResponseModel, TsType } from "./types.js";

/**
 * How a body of `mediaType` is read: one JSON value, text, or bytes. Parameters (`; charset=utf-8`)
 * and case do not change that (RFC 9110 §8.3.1); JSON sequences (`application/x-ndjson`) are text.
 * A response `*\/*` with a schema other than bytes is JSON: what springdoc writes for its JSON.
 */
export function bodyKindOf(mediaType: string, schema?: unknown): Exclude<BodyKind, "none"> {
  const essence = mediaType.split(";", 1)[0]!.trim().toLowerCase();
  if (essence === "application/json" || essence.endsWith("+json")) return "json";
  if (essence === "*/*" && isObject(schema) && !(schema.type === "string" && schema.format === "binary")) return "json";
  if (/^text\/|\+(csv|yaml|text|xml)$|^application\/([\w.-]*json[\w.-]*|xml|yaml|x-yaml)$/.test(essence)) return "text";
  return "binary";
}

/** Of one version's media types: JSON first, else the first by name. */
export function preferredMediaType(mediaTypes: string[]): string | undefined {
  const sorted = [...mediaTypes].sort();
  return sorted.find((m) => bodyKindOf(m) === "json") ?? sorted[0];
}

/** `application/vnd.atlas.2023-01-01+csv` → `csv`; a media type without a version names itself. */
function formatName(mediaType: string): string {
  return versionOf(mediaType) === undefined ? mediaType : mediaType.slice(mediaType.lastIndexOf("+") + 1);
}

const UNDEFINED = keyword("undefined");

interface SuccessBody {
  mediaType?: string;
  bodyKind: BodyKind;
  type: TsType;
}

function successBody(status: number, mediaType: string | undefined, content: Json, ctx: SchemaContext, head: boolean): SuccessBody {
  // A HEAD response describes the GET's body but never carries one (RFC 9110 §9.3.2).
  if (mediaType === undefined || status === 204 || status === 205 || head) return { ...(mediaType && { mediaType }), bodyKind: "none", type: UNDEFINED };
  const schema = deref<Json>(content[mediaType], ctx.root)?.schema;
  const kind = bodyKindOf(mediaType, schema);
  if (kind === "json" && schema === undefined) return { mediaType, bodyKind: "none", type: UNDEFINED };
  const type = kind === "json" ? schemaType(schema, ctx) : kind === "text" ? keyword("string") : keyword("Uint8Array");
  return { mediaType, bodyKind: kind, type };
}

export interface Successes {
  /** Resource versions, newest first (empty when the media types carry none). */
  versions: string[];
  /** Data by version and status; key `undefined` when there are no versions. */
  data: Map<string | undefined, { status: number; type: TsType }[]>;
  /** The runtime's table: every success status of every version. */
  successes: ResponseModel[];
  /** Media type of the default version, sent as `Accept`. */
  accept: string;
  /** The response formats, when a success has several media types (at most one version); the default first. */
  formats?: FormatModel[];
  /** By version (`undefined`: media types without one), the earliest `x-sunset` of its 2xx media types. */
  sunsets: Map<string | undefined, string>;
}

/** Atlas puts a version's `x-sunset` on its success media types; two of one version: the earlier counts. */
function sunsetsOf(perStatus: { status: number; content: Json; groups: Map<string | undefined, string[]> }[]): Map<string | undefined, string> {
  const sunsets = new Map<string | undefined, string>();
  for (const { status, content, groups } of perStatus) {
    if (status < 200 || status > 299) continue;
    for (const [version, mediaTypes] of groups) {
      for (const mediaType of mediaTypes) {
        const media = content[mediaType];
        const sunset = isObject(media) ? media["x-sunset"] : undefined;
        const known = sunsets.get(version);
        // Validation warns about a sunset that is no text.
        if (typeof sunset === "string" && (known === undefined || compareText(sunset, known) < 0)) sunsets.set(version, sunset);
      }
    }
  }
  return sunsets;
}

/** `extraVersions`: versions only the request body has; `head`: the operation is a HEAD. */
export function buildSuccesses(operation: Json, ctx: SchemaContext, extraVersions: Iterable<string> = [], head = false): Successes {
  const responses = isObject(operation.responses) ? operation.responses : {};
  // fetch never hands a 1xx to its caller (Atlas documents a 102): it would be a success never seen.
  const statuses = Object.keys(responses)
    .filter((code) => /^[23]\d\d$/.test(code))
    .sort();
  const perStatus = statuses.map((code) => {
    const response = deref<Json>(responses[code], ctx.root) ?? {};
    const content = isObject(response.content) ? response.content : {};
    const description = typeof response.description === "string" ? response.description : undefined;
    return { status: Number(code), description, content, groups: byVersion(Object.keys(content)) };
  });
  const versionSet = new Set<string>(extraVersions);
  for (const { groups } of perStatus) for (const version of groups.keys()) if (version !== undefined) versionSet.add(version);
  const versions = [...versionSet].sort(compareVersions);
  const variantKeys: (string | undefined)[] = versions.length > 0 ? versions : [undefined];

  const data = new Map<string | undefined, { status: number; type: TsType }[]>();
  const table = new Map<number, ResponseModel>();
  let accept: string | undefined;
  const offered: Offered[] = [];
  for (const version of variantKeys) {
    const list: { status: number; type: TsType }[] = [];
    for (const { status, description, content, groups } of perStatus) {
      // A status applies to a version when it has media types of that version, or none with one.
      const own = version === undefined ? undefined : groups.get(version);
      const shared = groups.get(undefined);
      const applies = own !== undefined || shared !== undefined || groups.size === 0;
      if (!applies) continue;
      const mediaType = preferredMediaType(own ?? shared ?? []);
      const body = successBody(status, mediaType, content, ctx, head);
      list.push({ status, type: body.type });
      if (version === variantKeys[0]) offered.push({ status, content, mediaTypes: own ?? shared ?? [], bodyless: body.bodyKind === "none" });
      if (!table.has(status)) table.set(status, { status, ...(description && { description }), ...(body.mediaType && { mediaType: body.mediaType }), bodyKind: body.bodyKind });
      if (version === variantKeys[0] && accept === undefined && mediaType !== undefined && body.bodyKind !== "none") accept = mediaType;
    }
    data.set(version, list);
  }
  // Without a body to read, the default version's media type still selects the version.
  accept ??= preferredMediaType(perStatus.flatMap(({ groups }) => groups.get(variantKeys[0]) ?? groups.get(undefined) ?? [])) ?? "application/json";
  const formats = versions.length <= 1 && !head ? buildFormats(offered, accept, ctx) : undefined;
  return { versions, data, successes: [...table.values()].sort((a, b) => a.status - b.status), accept, ...(formats && { formats }), sunsets: sunsetsOf(perStatus) };
}

/** A success status of the default version: its media types, and whether its default has no body. */
interface Offered {
  status: number;
  content: Json;
  mediaTypes: string[];
  bodyless: boolean;
}

/**
 * The formats a call may choose when one of its successes has more than one media type: the
 * default (`accept`'s) first, then by name. A status that has a body but not in a format is typed
 * as that format's kind reads it (`string` for text); one without a body stays `undefined`. Only
 * for operations with at most one resource version (validate.ts warns about the others); none when
 * the default media type has no body to read, since a call without a format asks for it.
 */
function buildFormats(offered: Offered[], accept: string, ctx: SchemaContext): FormatModel[] | undefined {
  if (!offered.some(({ mediaTypes }) => mediaTypes.length > 1)) return undefined;
  const byName = new Map<string, { kind: Exclude<BodyKind, "none">; types: Map<number, TsType> }>();
  for (const { status, content, mediaTypes } of offered) {
    for (const mediaType of mediaTypes) {
      const body = successBody(status, mediaType, content, ctx, false);
      if (body.bodyKind === "none") continue;
      const name = formatName(mediaType);
      const format = byName.get(name) ?? { kind: body.bodyKind, types: new Map() };
      format.types.set(status, body.type);
      byName.set(name, format);
    }
  }
  const first = formatName(accept);
  if (byName.size < 2 || !byName.has(first)) return undefined;
  const kindType = { json: keyword("unknown"), text: keyword("string"), binary: keyword("Uint8Array") };
  const formats = [...byName].map(([name, { kind, types }]): FormatModel => ({
    name,
    bodyKind: kind,
    data: offered.map(({ status, bodyless }) => ({ status, type: types.get(status) ?? (bodyless ? UNDEFINED : kindType[kind]) })),
  }));
  return formats.sort((a, b) => (a.name === first ? -1 : b.name === first ? 1 : compareText(a.name, b.name)));
}

const JSON_TYPES: unknown[] = ["string", "number", "integer", "boolean", "object", "array", "null"];

/** The JSON type of an `enum` or `const` value. */
const valueType = (value: unknown): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** Composition levels a check looks through: `allOf: [$ref]` inside a `oneOf` member, and no blow-up. */
const CHECK_DEPTH = 3;

/**
 * The JSON types a schema allows, as a guard's check (`string|integer|null`); undefined when it
 * allows any value. Without types of its own: its `enum`/`const` values' types, else what every
 * `allOf` member allows (the types they share), else what some `oneOf`/`anyOf` member does.
 */
function typeCheck(schema: Json | undefined, root: unknown, depth = 0): string | undefined {
  if (!schema) return undefined;
  const values = Array.isArray(schema.enum) ? schema.enum : Object.hasOwn(schema, "const") ? [schema.const] : undefined;
  const own = jsonTypes(schema);
  const types = own.length > 0 ? own : values ? values.map(valueType) : depth < CHECK_DEPTH ? membersTypes(schema, root, depth + 1) : [];
  if (types.length === 0 || !types.every((t) => JSON_TYPES.includes(t))) return undefined;
  const nullable = schema.nullable === true || types.includes("null");
  return [...new Set(types.filter((t) => t !== "null")), ...(nullable ? ["null"] : [])].join("|");
}

function membersTypes(schema: Json, root: unknown, depth: number): unknown[] {
  const checks = (list: unknown) => (Array.isArray(list) ? list.map((m) => typeCheck(deref<Json>(m, root), root, depth)) : []);
  const bounds = checks(schema.allOf).filter((c) => c !== undefined);
  if (bounds.length > 0) {
    const [first, ...rest] = bounds.map((c) => c.split("|"));
    const shared = first!.filter((t) => rest.every((other) => other.includes(t) || (t === "integer" && other.includes("number"))));
    return shared.length > 0 ? shared : first!;
  }
  const choices = checks(Array.isArray(schema.oneOf) ? schema.oneOf : schema.anyOf);
  return choices.every((c) => c !== undefined) ? choices.flatMap((c) => c.split("|")) : [];
}

/** The guard of a documented body, following its read view (what a server sends): `writeOnly` properties are left out. */
function buildGuard(rawSchema: unknown, ctx: SchemaContext, fallbackName: string, source: string): GuardModel {
  const ref = isObject(rawSchema) && typeof rawSchema.$ref === "string" ? rawSchema.$ref : undefined;
  const component = ref === undefined ? undefined : componentName(ref, "schemas");
  const declared = component === undefined ? undefined : ctx.names.get(component)?.read;
  const schema = deref<Json>(rawSchema, ctx.root);
  const properties = isObject(schema?.properties) ? schema.properties : {};
  const required = Array.isArray(schema?.required) ? schema.required.filter((r): r is string => typeof r === "string") : [];
  const check = typeCheck(schema, ctx.root);
  return {
    name: declared ? `is${declared}` : fallbackName,
    type: schemaType(rawSchema, ctx),
    ...(check && { check }),
    required: [...required]
      .filter((name) => !hiddenIn("read", properties[name]))
      .sort()
      .map((name) => {
        const property = typeCheck(deref<Json>(properties[name], ctx.root), ctx.root);
        return { name, ...(property && { check: property }) };
      }),
    source: declared ? `schema ${component}` : source,
  };
}

/** `head`: the operation is a HEAD, whose error responses carry no body either. */
export function buildErrors(operation: Json, operationId: string, typeName: string, ctx: SchemaContext, head = false): ErrorResponseModel[] {
  const responses = isObject(operation.responses) ? operation.responses : {};
  const errors: ErrorResponseModel[] = [];
  for (const code of Object.keys(responses).filter((c) => /^[45]\d\d$/.test(c)).sort()) {
    const status = Number(code);
    const response = deref<Json>(responses[code], ctx.root) ?? {};
    const content = isObject(response.content) ? response.content : {};
    const description = typeof response.description === "string" ? response.description : undefined;
    const mediaType = head ? undefined : preferredMediaType(Object.keys(content).filter((m) => bodyKindOf(m, deref<Json>(content[m], ctx.root)?.schema) === "json"));
    const media = mediaType ? deref<Json>(content[mediaType], ctx.root) : undefined;
    if (!mediaType || media?.schema === undefined) {
      errors.push({ status, ...(description && { description }), bodyKind: "none", type: mediaType ? keyword("unknown") : UNDEFINED });
      continue;
    }
    const guard = buildGuard(media.schema, ctx, `is${typeName}${status}Body`, `the ${status} response of ${operationId}`);
    errors.push({ status, ...(description && { description }), mediaType, bodyKind: "json", type: guard.type, guard });
  }
  return errors;
}
