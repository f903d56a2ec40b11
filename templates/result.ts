/**
 * The result of every generated operation: a value, never a thrown error, for everything that can
 * go wrong on the wire. `error.kind` tells what happened; for `"http"` the `status` narrows the
 * body to what the spec documents for that status.
 */

/** Parsed `RateLimit-Limit` / `RateLimit-Remaining` response headers. */
export interface RateLimit {
  limit?: number;
  remaining?: number;
}

export interface ValidationIssue {
  /** The parameter's name as the caller wrote it. */
  param: string;
  message: string;
}

/** Invalid parameters; returned before any request is sent. */
export interface ValidationError {
  kind: "validation";
  issues: ValidationIssue[];
}

/** A documented error status with a body matching its documented schema. */
export interface HttpError<Status extends number, Body> {
  kind: "http";
  status: Status;
  body: Body;
  response: Response;
  rateLimit: RateLimit;
}

/** An undocumented status (e.g. 410 after sunset), or a documented one whose body is not what the spec says. */
export interface UnexpectedError {
  kind: "unexpected";
  status: number;
  /** The raw response body. */
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  body?: unknown;
  response: Response;
  rateLimit: RateLimit;
}

/** The request never got a response: connection refused or reset, DNS failure, TLS error. */
export interface NetworkError {
  kind: "network";
  message: string;
  cause: unknown;
}

/** An attempt took longer than `timeoutMs`. */
export interface TimeoutError {
  kind: "timeout";
  timeoutMs: number;
}

/** The caller's `signal` aborted the call. */
export interface AbortedError {
  kind: "aborted";
  reason: unknown;
}

/** Credentials could not be obtained (token endpoint failure). A 401 from the API is `"http"`. */
export interface AuthFailure {
  kind: "auth";
  message: string;
  status?: number;
}

/**
 * One `HttpError` per status of `Status`, all with body `Body`: `HttpErrors<404 | 409, ApiError>`.
 * Generated error types use it because operations share a few status sets, and TypeScript
 * builds each distinct set's union once.
 */
export type HttpErrors<Status extends number, Body> = Status extends number ? HttpError<Status, Body> : never;

/** The failures every operation shares: all but its documented HTTP errors. */
export type CommonError = ValidationError | UnexpectedError | NetworkError | TimeoutError | AbortedError | AuthFailure;

/*
 * Result types from maps of bodies by status. Generated code spells its unions out instead:
 * these mapped types, instantiated per operation, made type-checking a full client much slower.
 */

/** One `HttpError` per documented status of `Bodies` (`{ 404: ApiError, ... }`). */
export type HttpErrorOf<Bodies> = {
  [Status in keyof Bodies & number]: HttpError<Status, Bodies[Status]>;
}[keyof Bodies & number];

export type OperationError<ErrorBodies> = HttpErrorOf<ErrorBodies> | CommonError;

export interface Success<Status extends number, Data> {
  ok: true;
  status: Status;
  data: Data;
  response: Response;
  rateLimit: RateLimit;
}

export interface Failure<ErrorBodies> {
  ok: false;
  error: OperationError<ErrorBodies>;
}

/** One `Success` per documented success status of `Datas` (`{ 204: undefined }`). */
export type SuccessOf<Datas> = {
  [Status in keyof Datas & number]: Success<Status, Datas[Status]>;
}[keyof Datas & number];

export type OperationResult<Datas, ErrorBodies> = SuccessOf<Datas> | Failure<ErrorBodies>;
