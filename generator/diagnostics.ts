/**
 * Diagnostics: problems found in a spec, located by JSON pointer and mapped to `file:line:col`
 * through the YAML source's line counter.
 */
import { compareText } from "./order.js";
import { isMap, isSeq, type Document, type LineCounter, type Node } from "yaml";

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

/** The deepest YAML node on the pointer's path (so a missing key points at its parent). */
function nodeAt(document: Document, pointer: string): Node | undefined {
  let node = document.contents as Node | null;
  let found: Node | undefined = node ?? undefined;
  for (const segment of pointerSegments(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value ?? item.key) === segment);
      if (!pair) break;
      // Point at the key of a mapping entry: that is where a reader looks for it.
      found = (pair.key as Node) ?? found;
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      found = item;
      node = item;
    } else break;
  }
  return found;
}

export function locate(diagnostic: Diagnostic, document: Document, lineCounter: LineCounter): Diagnostic {
  const offset = nodeAt(document, diagnostic.pointer)?.range?.[0];
  if (offset === undefined) return diagnostic;
  const { line, col } = lineCounter.linePos(offset);
  return { ...diagnostic, line, col };
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
