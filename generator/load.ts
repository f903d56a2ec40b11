/** Load: reads the spec file and parses YAML (or JSON) keeping positions for diagnostics. */
import { readFile } from "node:fs/promises";
import { isCollection, isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from "yaml";
import { pointerSegments, SpecError, type Diagnostic } from "./diagnostics.js";

/** What validation needs, however the spec was parsed (here, or by `load-fast.ts`). */
export interface ParsedSpec {
  file: string;
  text: string;
  /** The parsed spec as plain data. */
  root: unknown;
  /** Suspicious but readable YAML (e.g. unknown tags). */
  warnings: Diagnostic[];
}

export interface LoadedSpec extends ParsedSpec {
  document: Document;
  lineCounter: LineCounter;
}

/**
 * YAML that has no JSON equivalent: a mapping key that is itself a mapping or sequence (it would
 * be silently stringified) and an alias inside its own anchor (a cycle that would hang every walk).
 */
function nonJsonProblems(document: Document): { message: string; offset: number }[] {
  const problems: { message: string; offset: number }[] = [];
  visit(document, {
    Pair(_, pair) {
      if (isCollection(pair.key)) problems.push({ message: "mapping keys must be strings, not collections", offset: pair.key.range?.[0] ?? 0 });
    },
    Alias(_, alias, path) {
      if (path.includes(alias.resolve(document) as Node)) {
        problems.push({ message: `alias *${alias.source} refers to a node that contains it`, offset: alias.range?.[0] ?? 0 });
      }
    },
  });
  return problems;
}

/** The parser's own words, except for its stack overflow, which says nothing about the spec. */
const readable = (message: string) =>
  /Maximum call stack size exceeded/.test(message) ? "the spec nests too deeply to be read (the YAML parser ran out of stack here)" : message;

export function parseSpec(file: string, text: string): LoadedSpec {
  const lineCounter = new LineCounter();
  const at = (severity: Diagnostic["severity"], message: string, offset: number): Diagnostic => ({
    severity,
    message: readable(message),
    pointer: "",
    ...lineCounter.linePos(offset),
  });
  // Atlas specs quote dates, but other specs don't: keep YAML 1.2 core types so `2027-07-01`
  // stays a string instead of becoming a Date.
  const document = parseDocument(text, { lineCounter, schema: "core", prettyErrors: false, uniqueKeys: true });
  const errors = [
    ...document.errors.map((e) => at("error", e.message.split("\n")[0] ?? e.message, e.pos[0])),
    ...(document.errors.length === 0 ? nonJsonProblems(document) : []).map((p) => at("error", p.message, p.offset)),
  ];
  if (errors.length > 0) throw new SpecError(errors);
  let root: unknown;
  try {
    root = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml refuses alias expansion past the limit ("billion laughs"); point at the first alias.
    let offset = 0;
    visit(document, { Alias: (_, alias) => ((offset = alias.range?.[0] ?? 0), visit.BREAK) });
    throw new SpecError([at("error", (error as Error).message, offset)]);
  }
  const warnings = document.warnings.map((w) => at("warning", w.message.split("\n")[0] ?? w.message, w.pos[0]));
  return { file, text, document, lineCounter, root, warnings };
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  return parseSpec(file, await readFile(file, "utf8"));
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
  // The whole document, even an empty one, starts at 1:1.
  const offset = nodeAt(document, diagnostic.pointer)?.range?.[0] ?? (diagnostic.pointer === "" ? 0 : undefined);
  if (offset === undefined) return diagnostic;
  const { line, col } = lineCounter.linePos(offset);
  return { ...diagnostic, line, col };
}
