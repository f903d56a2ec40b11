/**
 * What the generator knows about one operation, as data the request loop reads. Generated code
 * declares one `OperationSpec` per operation; the behaviour lives here, once.
 */

export type ParamLocation = "path" | "query" | "header";

/** The value shapes a parameter rule can check; `unknown` accepts anything serializable. */
export type ValueType = "string" | "boolean" | "integer" | "number" | "unknown";

export interface ParamRule {
  in: ParamLocation;
  /** Name on the wire, when it differs from the property name the caller uses. */
  wireName?: string;
  required: boolean;
  type: ValueType;
  /** Present for array parameters: the rule for each item (sent as repeated `name=value`). */
  array?: boolean;
  enum?: readonly (string | number | boolean)[];
  /** Checks a string value; returns a message when it does not match. */
  pattern?: (value: string) => string | undefined;
}

/** How a response body is read for a success status. */
export type BodyKind = "none" | "json" | "text" | "binary";

export interface OperationSpec {
  id: string;
  method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  /** Path template, e.g. `/api/atlas/v2/orgs/{orgId}`. */
  path: string;
  /** Media type of the success response, sent as `Accept`. */
  accept: string;
  params: Readonly<Record<string, ParamRule>>;
  success: Readonly<Record<number, BodyKind>>;
  /** Documented error statuses, each with a guard for the documented body (null: no body). */
  errors: Readonly<Record<number, ((body: unknown) => boolean) | null>>;
  /** Safe to send again after a failure (GET, PUT, DELETE, ...). */
  idempotent: boolean;
  deprecated?: { sunset?: string; replacement?: string };
}
