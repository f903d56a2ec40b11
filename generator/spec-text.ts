/**
 * The spec file as text: UTF-8 (with or without a BOM), or UTF-16 with its BOM, the encodings
 * YAML 1.2 and JSON allow. Anything else is refused at its first bad byte, never read with
 * replacement characters, which would silently change names, enum values and patterns.
 */
import { readFile } from "node:fs/promises";
import { SpecError, type Diagnostic } from "./diagnostics.js";

/** Where the first byte that is not UTF-8 is, as a diagnostic; `text` is `bytes` decoded with replacement. */
function notUtf8(bytes: Uint8Array, text: string): Diagnostic {
  let offset = 0;
  let line = 1;
  let col = 1;
  for (const char of text) {
    const size = Buffer.byteLength(char);
    // U+FFFD is also a character a file may hold: then its own three bytes are there.
    if (char === "\uFFFD" && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    offset += size;
    // Columns in UTF-16 units, as the YAML parser's positions are.
    if (char === "\n") [line, col] = [line + 1, 1];
    else col += char.length;
  }
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, "0");
  return { severity: "error", message: `the spec is not UTF-8 text: byte 0x${byte} here is not valid UTF-8; save the file as UTF-8`, pointer: "", line, col };
}

export function decodeSpec(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    // The BOM is kept, as reading the file as "utf8" keeps it: YAML and JSON readers skip it.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: encoding === "utf-8" }).decode(bytes);
  } catch {
    if (encoding !== "utf-8") throw new SpecError([{ severity: "error", message: `the spec is not ${encoding.toUpperCase()} text, as its byte order mark says`, pointer: "", line: 1, col: 1 }]);
    throw new SpecError([notUtf8(bytes, new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes))]);
  }
}

export async function readSpecText(file: string): Promise<string> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    // Node's message names neither the path nor what to do.
    if (error.code === "EISDIR") throw Object.assign(new Error(`cannot read ${file}: it is a folder; --spec takes the spec file`), { code: error.code });
    throw error;
  });
  return decodeSpec(bytes);
}
