/**
 * Finds where a JSON pointer lands in block-style YAML from the indentation alone: the key of each
 * mapping entry on the way, the item of each sequence, the deepest node found (what `load.ts`
 * `locate` finds with a YAML document). Used when the spec was parsed by the fast path
 * (`load-fast.ts`) and no document exists; undefined where the text leaves plain block style
 * (flow collections, complex keys, anchors, tags), and the caller then builds the document.
 */
import { pointerSegments } from "./diagnostics.js";

export type Position = { line: number; col: number };

/** A block mapping key at the start of a line (after the indentation): plain or quoted. */
const KEY = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^\n#]*?|-[^\s\n#][^\n#]*?)[ \t]*:(?:[ \t]+|$)/;

interface Lines {
  starts: number[];
  /** Indentation of each line; -1 for blank and comment-only lines. */
  indents: number[];
}

function lines(text: string): Lines {
  const starts: number[] = [];
  const indents: number[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const char = text[i];
    starts.push(start);
    indents.push(i === end || char === "#" || char === "\r" ? -1 : i - start);
    if (newline === -1) break;
    start = newline + 1;
  }
  return { starts, indents };
}

/** Where line `i`'s content ends: before its line break, `\n` or `\r\n`. */
function lineEnd(text: string, l: Lines, i: number): number {
  const end = (l.starts[i + 1] ?? text.length + 1) - 1;
  return text[end - 1] === "\r" ? end - 1 : end;
}

/** Thrown where the text is more than this module reads; the locator then answers undefined. */
const UNREADABLE = new Error("left to the YAML document");

/** The key of the block mapping entry on `line` (after its indentation); undefined if it has none. */
function keyAt(text: string, l: Lines, line: number, indent = l.indents[line]!): string | undefined {
  const match = KEY.exec(text.slice(l.starts[line]! + indent, lineEnd(text, l, line)));
  if (!match) return undefined;
  const raw = match[1]!;
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      // YAML's own escapes (`\x41`, `\e`, `\N`) are not JSON's: left to the YAML document.
      throw UNREADABLE;
    }
  }
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** Lines `from`..`to`; the node's first line may start further right (after `- `). */
interface Block {
  from: number;
  to: number;
  firstIndent?: number;
}

export function textLocator(source: string): (pointer: string) => Position | undefined {
  // A byte order mark is neither indentation nor a key; the YAML document counts it as a column.
  const bom = source.charCodeAt(0) === 0xfeff;
  const text = bom ? source.slice(1) : source;
  const l = lines(text);
  const isItem = (at: number) => text[at] === "-" && (at + 1 === text.length || /[ \n\r]/.test(text[at + 1]!));
  /**
   * The first line of each key of a mapping, by its block and indentation: found in one scan of
   * the block, so that many pointers into one mapping (all of a spec's warnings are under `paths`)
   * do not scan it once each.
   */
  const mappings = new Map<string, Map<string, number>>();
  const keysOf = (block: Block, indent: number, indentOf: (i: number) => number) => {
    const id = `${block.from} ${block.to} ${block.firstIndent} ${indent}`;
    let keys = mappings.get(id);
    if (keys === undefined) {
      keys = new Map();
      for (let i = block.from; i < block.to; i++) {
        const key = indentOf(i) === indent ? keyAt(text, l, i, indent) : undefined;
        if (key !== undefined && !keys.has(key)) keys.set(key, i);
      }
      mappings.set(id, keys);
    }
    return keys;
  };

  const locate = (pointer: string): Position | undefined => {
    let block: Block = { from: 0, to: l.starts.length };
    const indentOf = (i: number) => (i === block.from && block.firstIndent !== undefined ? block.firstIndent : l.indents[i]!);
    const first = () => {
      for (let i = block.from; i < block.to; i++) if (indentOf(i) >= 0) return i;
      return -1;
    };
    /** The end of the node starting at `line` at indentation `indent` (its deeper lines). */
    const end = (line: number, indent: number) => {
      for (let i = line + 1; i < block.to; i++) if (l.indents[i]! >= 0 && l.indents[i]! <= indent) return i;
      return block.to;
    };
    /** `? key` then `: value` (how long keys are written): the key after `? `, the value after `: `. */
    const explicitEntry = (start: number, indent: number, segment: string): { found: Position; block: Block } | undefined => {
      for (let i = start; i < block.to; i++) {
        if (indentOf(i) !== indent) continue;
        const line = text.slice(l.starts[i]! + indent, lineEnd(text, l, i));
        if (!line.startsWith("? ") || line.slice(2).trim() !== segment || /^["'{[&*!|>]/.test(line.slice(2).trim())) continue;
        const colon = i + 1 < block.to && l.indents[i + 1] === indent ? text.slice(l.starts[i + 1]! + indent, lineEnd(text, l, i + 1)) : "";
        const content = /^:( +)[^ #]/.exec(colon);
        if (!content) return undefined;
        const valueIndent = indent + 1 + content[1]!.length;
        return { found: { line: i + 1, col: indent + 3 }, block: { from: i + 1, to: end(i + 1, indent), firstIndent: valueIndent } };
      }
      return undefined;
    };
    const top = first();
    if (top < 0) return undefined;
    let found: Position = { line: top + 1, col: indentOf(top) + 1 };
    for (const segment of pointerSegments(pointer)) {
      const start = first();
      if (start < 0) return found;
      const indent = indentOf(start);
      const at = l.starts[start]! + indent;
      if (!/[^{[?&*!]/.test(text[at] ?? "")) return undefined;
      if (isItem(at)) {
        // A sequence: the n-th `- ` at this indentation; its node starts after `- `.
        const wanted = Number(segment);
        let item = -1;
        for (let i = start, n = 0; i < block.to && item < 0; i++) {
          if (indentOf(i) === indent && isItem(l.starts[i]! + indentOf(i)) && n++ === wanted) item = i;
        }
        if (item < 0) return found;
        const content = l.starts[item]! + indent + 2;
        if (!/[^\n\r{[?&*!|>]/.test(text[content] ?? "\n")) return undefined;
        found = { line: item + 1, col: indent + 3 };
        block = { from: item, to: end(item, indent), firstIndent: indent + 2 };
        continue;
      }
      const entry = keysOf(block, indent, indentOf).get(segment) ?? -1;
      if (entry < 0) {
        const explicit = explicitEntry(start, indent, segment);
        if (!explicit) return found;
        found = explicit.found;
        block = explicit.block;
        continue;
      }
      found = { line: entry + 1, col: indent + 1 };
      const value = text.slice(l.starts[entry]! + indent, lineEnd(text, l, entry)).replace(/^.*?:(?:[ \t]+|$)/, "").trim();
      if (value !== "" && !value.startsWith("#")) {
        // A scalar on the key's line has no children; a flow collection, anchor or tag: give up.
        if (/^[{[&*!]/.test(value)) return undefined;
        block = { from: entry + 1, to: entry + 1 };
        continue;
      }
      // The value's lines: deeper ones, and `- ` items at the key's own indentation.
      let to = end(entry, indent);
      while (to < block.to && l.indents[to] === indent && isItem(l.starts[to]! + indent)) to = end(to, indent);
      block = { from: entry + 1, to };
    }
    return found;
  };

  return (pointer) => {
    try {
      const at = locate(pointer);
      return at && bom && at.line === 1 ? { line: 1, col: at.col + 1 } : at;
    } catch (error) {
      if (error === UNREADABLE) return undefined;
      throw error;
    }
  };
}
