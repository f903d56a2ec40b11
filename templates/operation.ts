/**
 * What the generator knows about one operation, as data the request loop reads. Generated code
 * declares one `OperationSpec` per operation; the behaviour lives here, once.
 */
import type { RequestOptions } from "./request.js";

/** Where a parameter travels; `body` is the request body, passed as one more property of the params. */
export type ParamLocation = "path" | "query" | "header" | "body";

/**
 * The value shapes a parameter rule can check; `unknown` accepts any scalar, `json` any
 * JSON-serializable value, `binary` bytes (`Uint8Array`, `ArrayBuffer`, `Blob`), `formData` and
 * `urlEncoded` a form body (fetch writes their `Content-Type`, with the multipart boundary).
 */
export type ValueType = "string" | "boolean" | "integer" | "number" | "unknown" | "json" | "binary" | "formData" | "urlEncoded" | "unsendable";

/** Checks a string value; returns a message when it does not match. */
export type PatternCheck = (value: string) => string | undefined;

/**
 * A parameter's value types, `|`-separated (`string|integer`, from a 3.1 type list); `null` last
 * when null may stand for the absent value (an optional nullable parameter).
 */
export type ParamType = ValueType | `${ValueType}|${string}`;

export interface ParamRule {
  in: ParamLocation;
  required: boolean;
  type: ParamType;
  /** Present for array parameters: the rule for each item (sent as repeated `name=value`). */
  array?: boolean;
  enum?: readonly (string | number | boolean)[];
  pattern?: PatternCheck;
}

/** How a response body is read for a success status. */
export type BodyKind = "none" | "json" | "text" | "binary";

export interface OperationSpec {
  id: string;
  method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  /** Path template, e.g. `/api/atlas/v2/orgs/{orgId}`. */
  path: string;
  /** Media type of the success response in the default resource version, sent as `Accept`. */
  accept: string;
  /** Media type of the request body in the default resource version, sent as `Content-Type`. */
  contentType?: string;
  /**
   * Resource versions a call may choose, default (newest) first. The media types of another
   * version are `accept` and `contentType` with the version in place of the default's.
   */
  versions?: readonly string[];
  /** `YYYY-MM-DD` sunsets of versions whose own date the operation's `deprecated` does not give. */
  sunsets?: Readonly<Record<string, string>>;
  params: Readonly<Record<string, ParamRule>>;
  /** Success statuses of every resource version and how their bodies are read. */
  success: Readonly<Record<number, BodyKind>>;
  /**
   * Response formats a call may choose (`json`, `csv`), default first, and how each reads a body;
   * present when a success comes in several media types.
   */
  formats?: Readonly<Record<string, Exclude<BodyKind, "none">>>;
  /** Documented error statuses, each with a guard for the documented body (null: no body). */
  errors: Readonly<Record<number, ((body: unknown) => boolean) | null>>;
  /** Safe to send again after a failure (GET, PUT, DELETE, ...). */
  idempotent: boolean;
  deprecated?: { sunset?: string; replacement?: string };
}

/** Per-call options of an operation whose resource versions are `Version` and formats `Format`. */
export type CallOptions<Version extends string, Format extends string = never> = RequestOptions & {
  /** Resource version to call; default the newest. Its request and response types follow it. */
  version?: Version;
  /** Response format to ask for; default the first (JSON). The response data type follows it. */
  format?: Format;
};

/**
 * The body a call in resource version `V` sends: that version's. For a union of versions (a
 * `version` known only at run time) a body every one of them takes, since any may be the one sent.
 */
export type BodyOf<Versions extends Record<V, { body?: unknown }>, V extends PropertyKey> = {
  [K in V]: (body: Versions[K]["body"]) => void;
}[V] extends (body: infer Body) => void
  ? Body
  : never;

/** `application/vnd.atlas.2023-01-01+json` → `2023-01-01` (or `preview`). */
const ATLAS_VERSION = /^(application\/vnd\.atlas\.)([^+]+)(\+.*)$/;
const DATED = /^\d{4}-\d\d-\d\d$/;

/** `mediaType` in resource version `version` (Atlas media types carry the version in their name). */
export function mediaTypeOf(mediaType: string, version: string): string {
  return mediaType.replace(ATLAS_VERSION, (_, head: string, _old: string, tail: string) => head + version + tail);
}

/**
 * `mediaType` in `format`: `application/vnd.atlas.2023-01-01+json` → `…+csv`; a format that is a
 * whole media type (one without a version) is used as it is.
 */
export function mediaTypeIn(mediaType: string, format: string): string {
  return format.includes("/") ? format : mediaType.replace(/\+[^+]*$/, `+${format}`);
}

type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/** The JSON types a documented body or required property may have (`string|integer|null`); `present`: any. */
export type PropertyCheck = "present" | JsonType | `${JsonType}|${string}`;

function checks(value: unknown, check: PropertyCheck): boolean {
  return check.split("|").some((type) => {
    switch (type) {
      case "integer":
        return Number.isInteger(value);
      case "object":
        return typeof value === "object" && value !== null && !Array.isArray(value);
      case "array":
        return Array.isArray(value);
      case "null":
        return value === null;
      case "present":
        return value !== undefined;
      default:
        // string, number, boolean
        return typeof value === type;
    }
  });
}

/** Tells whether a value is a `T`. */
export type Guard<T> = (value: unknown) => value is T;

/**
 * A guard that tells a documented body (of these JSON types; an object with these required
 * properties of these types) from anything else: HTML, empty, or garbage.
 */
export function shapeGuard<T>(
  required: Readonly<Record<string, PropertyCheck>>,
  type: PropertyCheck = "object",
): Guard<T> {
  const entries = Object.entries(required);
  return (value): value is T => {
    if (!checks(value, type)) return false;
    // `required` constrains objects only (JSON Schema), whatever else the body may be.
    if (!checks(value, "object")) return true;
    const record = value as Record<string, unknown>;
    // Own properties only: a body without `constructor` must not pass as having one.
    return entries.every(([name, check]) => checks(Object.hasOwn(record, name) ? record[name] : undefined, check));
  };
}

/**
 * The resource version a call gets: the one it names; else, with a client `apiVersion` date, the
 * newest dated version on or before it (as Atlas resolves it); else the default.
 */
export function resolvedVersion(spec: OperationSpec, version: string | undefined, apiVersion: string | undefined): string | undefined {
  const first = spec.versions?.[0];
  if (version !== undefined || apiVersion === undefined || !DATED.test(first ?? "")) return version ?? first;
  // Dates compare as text; `preview` sorts after every date, so it is never found here.
  return spec.versions!.find((v) => v <= apiVersion);
}

/** What a call of `spec` in `version` reports as deprecated: the operation, or the version with its own sunset. */
export function deprecationOf(spec: OperationSpec, version: string | undefined): { sunset?: string; replacement?: string; version?: string } | undefined {
  const { sunsets } = spec;
  if (version === undefined || !sunsets || !Object.hasOwn(sunsets, version)) return spec.deprecated;
  return { ...spec.deprecated, sunset: sunsets[version] as string, version };
}
