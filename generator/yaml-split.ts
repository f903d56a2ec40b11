/**
 * Cuts a large block-style YAML spec into slices that parse on their own. The big mappings
 * (`paths`, `components/schemas`, ...) are cut into runs of whole entries at their indentation;
 * `load-fast.ts` parses each run and `assemble` puts the results back together in document order.
 * The parser's working memory then stays one slice's size: on the 4 MB Atlas spec, js-yaml's
 * event list for the whole text raised the run's peak memory by ~28 MB.
 *
 * Only text that cannot carry meaning across slices is sliced: no complex or collection keys, no
 * directives or document markers (aliases make a slice fail to parse, and a key repeated across
 * slices fails `assemble`); the caller then parses it whole.
 */
export interface Slice {
  /** Keys of the mapping the slice's entries belong to (`[]`: the document itself). */
  path: string[];
  start: number;
  end: number;
}

/** About the size of a slice; inputs below `MIN_SLICED_SIZE` are parsed in one piece. */
const SLICE_SIZE = 64 * 1024;
const MIN_SLICED_SIZE = 256 * 1024;

/**
 * Complex and collection keys, directives and document markers: YAML whose meaning may cross
 * slices. (Aliases make a slice fail to convert, below.)
 */
const CROSS_SLICE_SYNTAX = /^[ \t]*\?(?:[ \t]*$|[ \t]+[[{|>&*!?-])|^[ \t]*(?:- +)?[[{].*[\]}][ \t]*:(?:[ \t]|$)|^(?:---|\.\.\.|%)/m;
/** A block mapping key at the start of a line (after the indentation): plain or quoted. */
const KEY = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^\n#]*?|-[^\s\n#][^\n#]*?)[ \t]*:(?:[ \t]+|$)/;

export interface Lines {
  starts: number[];
  /** Indentation of each line; -1 for blank and comment-only lines. */
  indents: number[];
}

export function lines(text: string): Lines {
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

const nextSignificant = (l: Lines, from: number, to: number) => {
  for (let i = from; i < to; i++) if (l.indents[i]! >= 0) return i;
  return -1;
};

/** The key of the block mapping entry on `line` (after its indentation); undefined if it has none. */
export function keyAt(text: string, l: Lines, line: number, indent = l.indents[line]!): string | undefined {
  const start = l.starts[line]! + indent;
  const match = KEY.exec(text.slice(start, text.indexOf("\n", start) === -1 ? text.length : text.indexOf("\n", start)));
  if (!match) return undefined;
  const raw = match[1]!;
  if (raw.startsWith('"')) return JSON.parse(raw) as string;
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/** Whether the entry's value (lines `from`..`to`, key line `from`) is a block mapping; its indentation. */
function childMapping(text: string, l: Lines, from: number, to: number): number | undefined {
  const keyLine = text.slice(l.starts[from]!, (l.starts[from + 1] ?? text.length + 1) - 1);
  if (!/:[ \t]*(#.*)?\r?$/.test(keyLine)) return undefined;
  const first = nextSignificant(l, from + 1, to);
  if (first === -1 || l.indents[first]! <= l.indents[from]!) return undefined;
  return keyAt(text, l, first) === undefined ? undefined : l.indents[first];
}

/**
 * Cuts the mapping made of lines `from`..`to` at indentation `indent` into slices of whole
 * entries, recursing into entries larger than a slice. Undefined when the text is not a plain
 * block mapping there.
 */
function sliceMapping(text: string, l: Lines, from: number, to: number, indent: number, path: string[], out: Slice[]): boolean {
  const entries: { line: number; key: string }[] = [];
  for (let i = from; i < to; i++) {
    const depth = l.indents[i]!;
    if (depth < 0) continue;
    // Deeper lines belong to the entry above; before the first entry they are not a mapping.
    if (depth > indent && entries.length > 0) continue;
    if (depth !== indent) return false;
    const key = keyAt(text, l, i);
    const first = text[l.starts[i]! + depth];
    // `? key` starts an entry whose `: value` follows (long keys are written so); never sliced.
    if (key !== undefined || first === "?") entries.push({ line: i, key: key ?? "" });
    // `- ` at the key's indentation is its sequence value, `: ` the value of a `? key`.
    else if (first !== "-" && first !== ":") return false;
  }
  let run: Slice | undefined;
  entries.forEach(({ line, key }, n) => {
    const endLine = entries[n + 1]?.line ?? to;
    const [start, end] = [l.starts[line]!, l.starts[endLine] ?? text.length];
    const child = end - start > SLICE_SIZE ? childMapping(text, l, line, endLine) : undefined;
    if (child !== undefined) {
      const inner: Slice[] = [];
      if (sliceMapping(text, l, line + 1, endLine, child, [...path, key], inner)) {
        run = undefined;
        // The entry itself, then its children: an empty mapping keeps the key in document order.
        out.push({ path, start, end: l.starts[line + 1]! }, ...inner);
        return;
      }
    }
    if (run && run.end === start && end - run.start <= SLICE_SIZE) run.end = end;
    else out.push((run = { path, start, end }));
  });
  return true;
}

/** The slices of `text`, or undefined when it must be parsed in one piece. */
export function sliceSpec(text: string): Slice[] | undefined {
  if (text.length < MIN_SLICED_SIZE || CROSS_SLICE_SYNTAX.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  const l = lines(text);
  const slices: Slice[] = [];
  return sliceMapping(text, l, 0, l.starts.length, 0, [], slices) && slices.length > 1 ? slices : undefined;
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Puts the slices' mappings back together; undefined if a key repeats across slices. */
export function assemble(slices: Slice[], values: unknown[]): unknown {
  const root: Record<string, unknown> = {};
  for (const [i, slice] of slices.entries()) {
    const value = values[i];
    if (!isMapping(value)) return undefined;
    let target: unknown = root;
    for (const key of slice.path) target = (target as Record<string, unknown>)[key];
    if (!isMapping(target)) return undefined;
    for (const [key, entry] of Object.entries(value)) {
      // An entry sliced into its children arrives first as `key:` alone (null), then fills in.
      const opened = entry === null && slices[i + 1]?.path.at(-1) === key && slices[i + 1]?.path.length === slice.path.length + 1;
      if (Object.hasOwn(target, key)) return undefined;
      // Defined, not assigned: a `__proto__` key is data.
      Object.defineProperty(target, key, { value: opened ? {} : entry, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}
