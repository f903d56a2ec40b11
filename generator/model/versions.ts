/**
 * Atlas resource versions: the date (or `preview`) inside `application/vnd.atlas.<version>+<format>`
 * media types. A call picks one through `Accept` and, with a body, `Content-Type`.
 */
import { compareText } from "../order.js";

const ATLAS_MEDIA_TYPE = /^application\/vnd\.atlas\.([^+]+)\+/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function versionOf(mediaType: string): string | undefined {
  return ATLAS_MEDIA_TYPE.exec(mediaType)?.[1];
}

/** Newest date first; `preview` and other undated versions after every date. */
export function compareVersions(a: string, b: string): number {
  const [datedA, datedB] = [DATE.test(a), DATE.test(b)];
  if (datedA !== datedB) return datedA ? -1 : 1;
  return datedA ? compareText(b, a) : compareText(a, b);
}

/** Media types grouped by version; `undefined` holds those without one (they apply to every version). */
export function byVersion(mediaTypes: string[]): Map<string | undefined, string[]> {
  const groups = new Map<string | undefined, string[]>();
  for (const mediaType of [...mediaTypes].sort(compareText)) {
    const version = versionOf(mediaType);
    groups.set(version, [...(groups.get(version) ?? []), mediaType]);
  }
  return groups;
}
