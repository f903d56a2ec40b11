/**
 * The intermediate model between the raw spec and the emitters: everything emitters need, already
 * resolved and named, so no emitter reads the raw spec.
 */
import type { BodyKind, ParamLocation, ValueType } from "../../templates/operation.js";

export type { BodyKind, ParamLocation, ValueType };

export interface ParamModel {
  name: string;
  in: ParamLocation;
  required: boolean;
  description?: string;
  deprecated: boolean;
  valueType: ValueType;
  array: boolean;
  enum?: (string | number | boolean)[];
  /** Regex source from the schema's `pattern` (string parameters only). */
  pattern?: string;
  /** TypeScript type of the value, e.g. `string`, `"a" | "b"`, `number[]`. */
  tsType: string;
}

export interface ResponseModel {
  status: number;
  description?: string;
  mediaType?: string;
  bodyKind: BodyKind;
  /** TypeScript type of the body (an index into openapi-typescript's `operations`), or `undefined`. */
  tsType: string;
  /** For documented errors with a JSON body: the guard that recognises it. */
  guard?: GuardModel;
}

export type PrimitiveCheck = "string" | "number" | "integer" | "boolean" | "object" | "array";

/** A runtime check that a JSON body has the documented shape (top-level required properties). */
export interface GuardModel {
  name: string;
  /** The type the guard narrows to. */
  tsType: string;
  nullable: boolean;
  required: { name: string; check?: PrimitiveCheck; nullable: boolean }[];
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
  successes: ResponseModel[];
  errors: ResponseModel[];
  accept: string;
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
  patterns: PatternModel[];
  guards: GuardModel[];
}
