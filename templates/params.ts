/**
 * Parameter validation and serialization. Validation runs before anything is sent and lists every
 * problem; path values are percent-encoded so no value can change the request's path structure.
 */
import type { ValidationIssue } from "./result.js";
import { mediaTypeOf, type OperationSpec, type ParamRule, type PatternCheck, type ValueType } from "./operation.js";

/** A validator shared by every parameter with this pattern. Flags are fixed by the spec's regex. */
export function patternValidator(regex: RegExp): PatternCheck {
  return (value) => (regex.test(value) ? undefined : `must match the pattern ${regex.source}`);
}

const describe = (value: unknown) =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;

/** Each JSON body object's text as validation wrote it: a call serializes its body (and runs its `toJSON`) once. */
const jsonText = new WeakMap<object, string>();

/** Whether JSON.stringify writes `value`: it throws on a BigInt or a cycle at any depth. */
function isJsonData(value: unknown): boolean {
  try {
    const text = JSON.stringify(value);
    if (text !== undefined && typeof value === "object" && value !== null) jsonText.set(value, text);
    return text !== undefined;
  } catch {
    return false;
  }
}

/** fetch throws on a header value with CR, LF, NUL or characters beyond Latin-1. */
export const isHeaderValue = (text: string): boolean => !/[^\t\x20-\x7e\x80-\xff]/.test(text);

/** `"a", "b"`: the choices of an enum or of a resource version. */
export const choices = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(", ");

/** Per value type: the check, and what the value must be when it fails. */
const TYPES: Record<ValueType, [(value: unknown) => boolean, string]> = {
  string: [(v) => typeof v === "string", "a string"],
  boolean: [(v) => typeof v === "boolean", "a boolean"],
  integer: [Number.isSafeInteger, "an integer"],
  number: [Number.isFinite, "a finite number"],
  // What String() turns into the text sent.
  unknown: [(v) => ["string", "number", "boolean", "bigint"].includes(typeof v), "a scalar"],
  json: [isJsonData, "JSON-serializable (no BigInt, function or cycle)"],
  // Every runtime with fetch has Blob.
  binary: [(v) => v instanceof Uint8Array || v instanceof ArrayBuffer || v instanceof Blob, "bytes (Uint8Array, ArrayBuffer or Blob)"],
  formData: [(v) => v instanceof FormData, "a FormData (multipart/form-data)"],
  urlEncoded: [(v) => v instanceof URLSearchParams, "a URLSearchParams (application/x-www-form-urlencoded)"],
  // A body the spec gives a GET or HEAD: fetch throws on it before sending.
  unsendable: [() => false, "left out (fetch sends no body with GET or HEAD)"],
};

/** A rule's types (`string|integer|null`) as a list, made once per rule type: this runs on every call. */
const typeLists = new Map<string, ValueType[]>();

function problem(rule: ParamRule, value: unknown): string | undefined {
  // A listed `null` is the absent value, which validateParams took care of; an array item may not be null.
  const types = typeLists.get(rule.type) ?? typeLists.set(rule.type, rule.type.split("|").filter((type) => type !== "null") as ValueType[]).get(rule.type)!;
  if (!types.some((type) => TYPES[type][0](value))) {
    return `must be ${types.map((type) => TYPES[type][1]).join(" or ")}, got ${describe(value)}`;
  }
  const mismatch = typeof value === "string" && rule.pattern?.(value);
  if (mismatch) return mismatch;
  if (rule.in !== "body") {
    const text = String(value);
    // A lone surrogate cannot be percent-encoded (encodeURIComponent throws) or sent intact.
    if (/\p{Cs}/u.test(text)) return "must be well-formed Unicode text";
    // Dot segments survive percent-encoding (`%2E` is decoded by URL parsers) and would climb
    // out of the resource path.
    if (rule.in === "path" && /^\.{0,2}$/.test(text)) return text ? "must not be a dot segment" : "must not be empty";
    if (rule.in === "header" && !isHeaderValue(text)) {
      return "must be a valid header value (no line breaks or control characters, Latin-1 only)";
    }
  }
  if (rule.enum && !rule.enum.includes(value as string)) return `must be one of ${choices(rule.enum)}`;
  return undefined;
}

/** Every problem with `params` against `rules`; empty when the call may be sent. */
export function validateParams(params: unknown, rules: OperationSpec["params"]): ValidationIssue[] {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    return [{ param: "(params)", message: `must be an object, got ${describe(params)}` }];
  }
  const given = params as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const add = (param: string, message: string | false | undefined) => message && issues.push({ param, message });
  for (const name in rules) {
    const rule = rules[name]!;
    // Own properties only: `toString` or `constructor` must not be read from Object.prototype.
    const value = Object.hasOwn(given, name) ? given[name] : undefined;
    // Null where the type allows it is absent, as RFC 6570 (which OpenAPI's styles follow) has it: not sent.
    if (value === undefined || (value === null && rule.type.endsWith("null"))) add(name, rule.required && "is required");
    else if (!rule.array) add(name, problem(rule, value));
    else if (!Array.isArray(value)) add(name, `must be an array, got ${describe(value)}`);
    else if (rule.in === "path" && value.length === 0) add(name, "must not be empty");
    else value.forEach((item, i) => add(`${name}[${i}]`, problem(rule, item)));
  }
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(rules, name) && given[name] !== undefined) add(name, "is not a parameter of this operation");
  }
  return issues;
}

/** Path templates split once per operation: literals at even indexes, parameter names at odd ones. */
const pathParts = new WeakMap<OperationSpec, string[]>();

/** Simple style (OpenAPI's default for paths): an array is its items, each encoded, joined by commas. */
const pathValue = (value: unknown): string => (Array.isArray(value) ? value.map(pathValue).join(",") : encodeURIComponent(String(value)));

/**
 * The request URL (path and query) from already validated params, as text: fetch parses it once
 * anyway. (`baseUrl` is a URL without query or fragment, as createClient checked.)
 */
export function buildUrl(baseUrl: string, spec: OperationSpec, params: Record<string, unknown>): string {
  const parts = pathParts.get(spec) ?? pathParts.set(spec, spec.path.split(/\{([^}]+)\}/)).get(spec)!;
  const path = parts.map((part, i) => (i % 2 ? pathValue(params[part]) : part)).join("");
  let query = "";
  for (const name in spec.params) {
    const rule = spec.params[name]!;
    const value = params[name];
    // Form style, exploded (OpenAPI's default): an array is repeated `name=value`, and a space is
    // `%20` as RFC 6570 writes it (URLSearchParams would write `+`). Null is absent (validation
    // let it through only where the type allows it), as RFC 6570 leaves out undefined values.
    if (rule.in === "query" && value != null) {
      for (const item of Array.isArray(value) ? value : [value]) query += `${query ? "&" : "?"}${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`;
    }
  }
  return (baseUrl.endsWith("/") ? baseUrl.replace(/\/+$/, "") : baseUrl) + path + query;
}

/**
 * Header params as strings, the body (the `in: "body"` param) serialized for its media type, and
 * its `Content-Type` in resource `version`, from params validated just before (a JSON body's
 * text is the one validation wrote); unvalidated, it throws where JSON.stringify does.
 */
export function headersAndBody(
  spec: OperationSpec,
  params: Record<string, unknown>,
  version: string | undefined,
): { headers: Record<string, string>; body: BodyInit | null } {
  const headers: Record<string, string> = {};
  let body: BodyInit | null = null;
  for (const name in spec.params) {
    const rule = spec.params[name]!;
    const value = params[name];
    if (value === undefined) continue;
    // An array header is its items joined by commas, which is what String does.
    if (rule.in === "header" && value !== null) headers[name] = String(value);
    // `send` validates right before: the text is this call's. Only a primitive is serialized again.
    if (rule.in === "body") body = rule.type === "json" ? ((typeof value === "object" && jsonText.get(value as object)) || JSON.stringify(value)) : (value as BodyInit);
  }
  // No body, nothing for a Content-Type to describe (an optional body left out).
  if (spec.contentType && body !== null) headers["Content-Type"] = version ? mediaTypeOf(spec.contentType, version) : spec.contentType;
  return { headers, body };
}
