/**
 * The intermediate model between the raw spec and the emitters: everything emitters need, already
 * resolved and named, so no emitter reads the raw spec.
 */
import type { BodyKind, ParamLocation, ParamType, ValueType } from "../../templates/operation.js";

export type { BodyKind, ParamLocation, ParamType, ValueType };

/** A TypeScript type, as a small tree the emitters lay out (and collect imports from). */
export type TsType =
  /** A built-in type: `string`, `number`, `boolean`, `unknown`, `null`, `undefined`, `never`, `Blob`... */
  | { kind: "keyword"; name: string }
  | { kind: "literal"; value: string | number | boolean }
  /** A declaration of `schema.ts`, by its TypeScript name. */
  | { kind: "ref"; name: string }
  | { kind: "array"; items: TsType }
  | { kind: "union"; members: TsType[] }
  | { kind: "intersection"; members: TsType[] }
  | { kind: "object"; properties: PropertyModel[]; index?: TsType }
  // Built by emitters only: a type in scope by name (with type arguments), `T[K]`, `keyof T`.
  | { kind: "name"; name: string; args?: TsType[] }
  | { kind: "indexed"; object: TsType; index: TsType }
  | { kind: "keyof"; type: TsType };

export interface PropertyModel {
  name: string;
  optional: boolean;
  type: TsType;
  description?: string;
  deprecated: boolean;
}

/**
 * One declaration of `schema.ts`. Component schemas whose `readOnly`/`writeOnly` properties make
 * what is sent differ from what is received get a second, `write`, declaration for request bodies.
 */
export interface SchemaDeclModel {
  /** TypeScript name, e.g. `ApiError`, `ClusterDescription20240805Write`. */
  name: string;
  /** Name under `#/components/schemas`. */
  source: string;
  view: "read" | "write";
  description?: string;
  deprecated: boolean;
  type: TsType;
}

export interface ParamModel {
  name: string;
  in: Exclude<ParamLocation, "body">;
  required: boolean;
  description?: string;
  deprecated: boolean;
  /** The runtime's check: `string|integer`, `|null` when null stands for the absent value. */
  valueType: ParamType;
  array: boolean;
  enum?: (string | number | boolean)[];
  /** Regex source from the schema's `pattern` (string parameters only). */
  pattern?: string;
  type: TsType;
}

/** The request body, passed as one more property of the params object. */
export interface BodyModel {
  /** Property of the params object that carries it: `body`, unless a parameter has that name. */
  name: string;
  required: boolean;
  description?: string;
  valueType: Extract<ValueType, "json" | "string" | "binary" | "formData" | "urlEncoded">;
  /** `Content-Type` in the default resource version; for a form, what fetch will write. */
  mediaType: string;
}

/** What one resource version of an operation sends and receives. */
export interface VariantModel {
  /** `2024-10-23`, `preview`; absent when the media types carry no version. */
  version?: string;
  /** `x-sunset` of this version's success media types: when Atlas stops serving it. */
  sunset?: string;
  /** The request body's type in this version. */
  body?: TsType;
  /** Response data by success status. */
  data: { status: number; type: TsType }[];
}

/**
 * One of the response formats a call may choose when a version offers several media types for a
 * success (`application/vnd.atlas.2023-01-01+json` and `…+csv`): the default format first.
 */
export interface FormatModel {
  /** `json`, `csv`: the media type's suffix for Atlas media types, else the media type itself. */
  name: string;
  bodyKind: Exclude<BodyKind, "none">;
  /** Response data by success status in this format. */
  data: { status: number; type: TsType }[];
}

export interface ResponseModel {
  status: number;
  description?: string;
  mediaType?: string;
  bodyKind: BodyKind;
}

export interface ErrorResponseModel extends ResponseModel {
  /** The documented body's type, `undefined` when there is none. */
  type: TsType;
  /** For documented errors with a JSON body: the guard that recognises it. */
  guard?: GuardModel;
}

/**
 * A runtime check that a JSON body has the documented shape: its JSON types and top-level required
 * properties. A check lists JSON types (`string|integer|null`); absent, any value passes.
 */
export interface GuardModel {
  name: string;
  /** The type the guard narrows to. */
  type: TsType;
  check?: string;
  required: { name: string; check?: string }[];
  /** Where the schema comes from, for the provenance comment. */
  source: string;
}

export interface OperationModel {
  id: string;
  /** Function name, e.g. `deleteOrgInvite`. */
  identifier: string;
  /** Prefix of the operation's type names, e.g. `DeleteOrgInvite`. */
  typeName: string;
  method: string;
  path: string;
  tag: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  sunset?: string;
  replacement?: { description?: string; url?: string };
  roles: string[];
  params: ParamModel[];
  body?: BodyModel;
  /** One per resource version, the default (newest dated) first; one without a version otherwise. */
  variants: VariantModel[];
  /** Success statuses of every version and how their bodies are read. */
  successes: ResponseModel[];
  errors: ErrorResponseModel[];
  /** `Accept` of the default version. */
  accept: string;
  /**
   * Present when a success comes in several media types and the operation has at most one
   * resource version (validate.ts warns about the others); the default first.
   */
  formats?: FormatModel[];
  idempotent: boolean;
}

export interface PatternModel {
  /** Identifier of the shared validator. */
  name: string;
  source: string;
  /** `operationId.param` of every parameter that uses it, for the doc comment. */
  usedBy: string[];
}

export interface ApiModel {
  title?: string;
  operations: OperationModel[];
  schemas: SchemaDeclModel[];
  patterns: PatternModel[];
  guards: GuardModel[];
}
