/**
 * Diagnostics: problems found in a spec, located by JSON pointer and mapped to `file:line:col`
 * from the text (`locate-text.ts`) or the YAML document (`load.ts`).
 */
import { compareText } from "./order.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  message: string;
  /** JSON pointer into the spec, e.g. `/paths/~1orgs/get`. */
  pointer: string;
  line?: number;
  col?: number;
}

/** Thrown by pipeline stages when the spec cannot be turned into a client. */
export class SpecError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} problem(s) in the spec`);
  }
}

export function pointerSegments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Spec text quoted in a message must not drive the terminal (escape sequences) or span lines. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `file:line:col: severity: message (at #/pointer)`, the form editors and CI annotators parse. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.line !== undefined ? `${file}:${d.line}:${d.col}` : file;
  const pointer = d.pointer ? ` (at #${d.pointer})` : "";
  return printable(`${where}: ${d.severity}: ${d.message}${pointer}`);
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0) || compareText(a.message, b.message);
}
