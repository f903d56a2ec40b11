/** Load: reads the spec file and parses YAML (or JSON) keeping positions for diagnostics. */
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument, type Document } from "yaml";
import { SpecError, type Diagnostic } from "./diagnostics.js";

export interface LoadedSpec {
  file: string;
  text: string;
  document: Document;
  lineCounter: LineCounter;
  /** The parsed spec as plain data. */
  root: unknown;
}

export function parseSpec(file: string, text: string): LoadedSpec {
  const lineCounter = new LineCounter();
  // Atlas specs quote dates, but other specs don't: keep YAML 1.2 core types so `2027-07-01`
  // stays a string instead of becoming a Date.
  const document = parseDocument(text, { lineCounter, schema: "core", prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const diagnostics: Diagnostic[] = document.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { severity: "error", message: error.message.split("\n")[0] ?? error.message, pointer: "", line, col };
    });
    throw new SpecError(diagnostics);
  }
  return { file, text, document, lineCounter, root: document.toJS({ maxAliasCount: 100 }) };
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  return parseSpec(file, await readFile(file, "utf8"));
}
