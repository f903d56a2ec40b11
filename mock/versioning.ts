import { apiError, type ApiError } from "./errors.js";

/** The only resource version of both deprecated endpoints. */
export const RESOURCE_VERSION = "2023-01-01";
/** The endpoints' `x-sunset`; from this instant on they answer 410. */
export const SUNSET = new Date("2027-07-01T00:00:00Z");

const ATLAS_MEDIA_TYPE = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/i;

/**
 * Resolves the `Accept` date to a resource version: the newest one on or before the requested date
 * (how the docs' own samples, sending 2024-10-23, reach 2023-01-01). Returns the error to answer
 * when that fails (406) or the version is past its sunset (410), else undefined.
 */
export function versionError(accept: string | undefined, now: Date): ApiError | undefined {
  const requested = requestedDate(accept);
  if (requested === undefined) {
    return notAcceptable("Invalid accept header or version date.");
  }
  if (requested < RESOURCE_VERSION) {
    return notAcceptable(
      `No resource version exists on or before ${requested}; the earliest is ${RESOURCE_VERSION}.`,
    );
  }
  if (now.getTime() >= SUNSET.getTime()) {
    const sunset = SUNSET.toISOString().slice(0, 10);
    return apiError(410, "VERSION_GONE", `Resource version ${RESOURCE_VERSION} was sunset on ${sunset}.`);
  }
  return undefined;
}

/** The first well-formed, real calendar date among the Accept header's Atlas media types. */
function requestedDate(accept: string | undefined): string | undefined {
  for (const range of (accept ?? "").split(",")) {
    const date = ATLAS_MEDIA_TYPE.exec(range.split(";")[0]!.trim())?.[1];
    if (date !== undefined && isCalendarDate(date)) return date;
  }
  return undefined;
}

// Round-tripping rejects dates like 2023-02-30 that Date would silently roll over to March.
function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

function notAcceptable(detail: string): ApiError {
  return apiError(406, "INVALID_VERSION_DATE", detail);
}
