import { STATUS_CODES } from "node:http";

/** The spec's `ApiError` schema: `error` and `errorCode` are required, the rest optional. */
export interface ApiError {
  error: number;
  detail?: string;
  reason?: string;
  errorCode: string;
  parameters?: unknown[];
  badRequestDetail?: { fields: { field: string; description: string }[] };
}

/** Builds an ApiError with Atlas's key order (error, detail, reason, errorCode), as the docs show it. */
export function apiError(
  status: number,
  errorCode: string,
  detail: string,
  extra: Pick<ApiError, "parameters" | "badRequestDetail"> = {},
): ApiError {
  return { error: status, detail, reason: STATUS_CODES[status] ?? "Error", errorCode, ...extra };
}

const EXAMPLE = "(This is just an example, the exception may not be related to this endpoint)";

// The response examples of the seed docs pages (400–500) and of the upstream spec (429, 503),
// verbatim, so a client sees exactly what the documentation promises.
const DOCUMENTED: ReadonlyMap<number, ApiError> = new Map([
  [400, apiError(400, "VALIDATION_ERROR", `${EXAMPLE} No provider AWS exists.`)],
  [401, apiError(401, "NOT_ORG_GROUP_CREATOR", EXAMPLE)],
  [403, apiError(403, "CANNOT_CHANGE_GROUP_NAME", EXAMPLE)],
  [404, apiError(404, "RESOURCE_NOT_FOUND", `${EXAMPLE} Cannot find resource AWS`)],
  [429, apiError(429, "RATE_LIMITED", EXAMPLE)],
  [500, apiError(500, "UNEXPECTED_ERROR", EXAMPLE)],
  [503, apiError(503, "SERVICE_UNAVAILABLE", EXAMPLE)],
]);

/** The documented example body for `status`, or undefined when the docs show none. */
export function documentedError(status: number): ApiError | undefined {
  return DOCUMENTED.get(status);
}
