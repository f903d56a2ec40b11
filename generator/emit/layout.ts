/**
 * Layout through prettier's own document printer (`prettier/doc`): emitters build the documents
 * prettier's TypeScript printer would build for the same code, and `printDoc` breaks lines exactly
 * as prettier does, without parsing anything. `test/generator/emit/layout.test.ts` and the
 * full-spec tests check the output against prettier itself.
 */
import type { WriterFunction } from "ts-morph";
import { builders, printer } from "prettier/doc";

export type Doc = builders.Doc;
export const { align, conditionalGroup, hardline, ifBreak, indent, indentIfBreak, join, line, lineSuffixBoundary, softline } = builders;

/** The text of a document made of strings only (it prints the same in any mode); else undefined. */
function textOf(doc: Doc): string | undefined {
  if (typeof doc === "string") return doc;
  if (!Array.isArray(doc)) return undefined;
  let text = "";
  for (const part of doc) {
    const t = textOf(part);
    if (t === undefined) return undefined;
    text += t;
  }
  return text;
}

/**
 * `group`, except that a group of text alone is that text: it has nothing to break, and most of
 * a spec's documents are such (`name?: string`), so the printer gets far fewer nodes to walk.
 * The one other thing a group does in prettier's printer, ending a re-measure after a hard line
 * printed flat, cannot matter here: no emitted document has a hard line in a flat part (comment
 * blocks and statement breaks are in broken groups) or a line suffix.
 */
export function group(doc: Doc, options?: Parameters<typeof builders.group>[1]): Doc {
  if (options?.id === undefined && !options?.shouldBreak) {
    const text = textOf(doc);
    if (text !== undefined) return text;
  }
  return builders.group(doc, options);
}

/** Same as the project's prettier configuration. */
export const PRINT_WIDTH = 100;

export function printDoc(doc: Doc): string {
  const text = printer.printDocToString(doc, { printWidth: PRINT_WIDTH, tabWidth: 2, useTabs: false }).formatted;
  // Found by indexOf (a multiline regex over every printed line took ~3% of a full-spec run). A
  // placeholder stands alone on its line after the indentation; spec text may hold the same
  // characters, never on a line of their own (a string or a key is quoted there).
  let out = "";
  let done = 0;
  for (let at = text.indexOf(BLOCK_START); at >= 0; at = text.indexOf(BLOCK_START, at + 1)) {
    const lineStart = text.lastIndexOf("\n", at) + 1;
    const end = text.indexOf(BLOCK_END, at);
    const id = end < 0 ? Number.NaN : Number(text.slice(at + 1, end));
    const indentation = text.slice(lineStart, at);
    const alone = /^ *$/.test(indentation) && /^\d+$/.test(text.slice(at + 1, end)) && (end + 1 === text.length || text[end + 1] === "\n");
    if (!alone || lineStart < done || !blocks.has(id)) continue;
    out += text.slice(done, lineStart) + blocks.get(id)!.map((l) => indentation + l).join("\n");
    blocks.delete(id);
    done = end + 1;
  }
  return done === 0 ? text : out + text.slice(done);
}

/**
 * Comment blocks stand on their own lines, so they never change where code breaks: the document
 * holds one placeholder per block (not a string and a line break per comment line, which made
 * up most of the documents), and `printDoc` puts the lines back at the placeholder's indentation.
 */
const blocks = new Map<number, string[]>();
let nextBlock = 0;
const [BLOCK_START, BLOCK_END] = ["\uE000", "\uE001"];

/** A block of comment lines, then a line break. */
export function commentBlock(lines: string[]): Doc {
  const id = nextBlock++;
  blocks.set(id, lines);
  return [`${BLOCK_START}${id}${BLOCK_END}`, hardline];
}

/**
 * A ts-morph structure field (a type, an initializer, a statement) that carries a document; the
 * printer lays it out in context. (ts-morph's own printer would write it flat.)
 */
export type DocWriter = WriterFunction & { doc: Doc; layout?: AssignmentLayout };

/** How `x = value` breaks when it does not fit (prettier's `chooseLayout`). */
export type AssignmentLayout = "break-after-operator" | "fluid";

export function docWriter(doc: Doc, layout?: AssignmentLayout): DocWriter {
  return Object.assign<WriterFunction, { doc: Doc; layout?: AssignmentLayout }>((writer) => void writer.write(printDoc(doc)), {
    doc,
    ...(layout && { layout }),
  });
}

export function isDocWriter(value: unknown): value is DocWriter {
  return typeof value === "function" && "doc" in value;
}

const PLAIN = /^[ !#-&(-[\]-~]*$/;

/** A string literal as prettier prints it: double quotes unless the text has more of them than `'`. */
export function stringLiteral(value: string): string {
  // Most are plain (paths, media types, names): printable ASCII without quotes or backslashes.
  if (PLAIN.test(value)) return `"${value}"`;
  const raw = JSON.stringify(value).slice(1, -1);
  let doubles = 0;
  let singles = 0;
  for (const char of raw) {
    if (char === '"') doubles++;
    else if (char === "'") singles++;
  }
  const quote = doubles > singles ? "'" : '"';
  const other = quote === '"' ? "'" : '"';
  const body = raw.replace(/\\(.)|(["'])/gs, (match, escaped: string | undefined, bare: string | undefined) => {
    if (escaped === other) return escaped;
    if (bare === quote) return `\\${bare}`;
    return bare ?? match;
  });
  return quote + body + quote;
}

/** A number literal as prettier prints it (`1e21`, not `1e+21`). */
export function numberLiteral(value: number): string {
  return String(value).replace("e+", "e");
}

/** A property key: bare when it is an identifier or a non-negative integer, quoted otherwise. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) || /^(0|[1-9]\d*)$/.test(name) ? name : stringLiteral(name);
}
