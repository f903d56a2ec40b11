import { describe, expect, test } from "vitest";
import { SpecError } from "../../generator/diagnostics.js";
import { decodeSpec } from "../../generator/spec-text.js";

const utf16 = (text: string, endian: "le" | "be") => {
  const bytes = Buffer.from(`\uFEFF${text}`, "utf16le");
  if (endian === "be") bytes.swap16();
  return bytes;
};

function refusal(bytes: Uint8Array) {
  try {
    decodeSpec(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).diagnostics;
  }
  throw new Error("decodeSpec accepted the bytes");
}

describe("decodeSpec", () => {
  test.each([
    ["UTF-8", Buffer.from("title: Zürich ✓"), "title: Zürich ✓"],
    ["UTF-8 with a BOM (kept, as reading the file as utf8 keeps it)", Buffer.from("\uFEFFa: b"), "\uFEFFa: b"],
    ["UTF-8 holding U+FFFD itself", Buffer.from("a: \uFFFD"), "a: \uFFFD"],
    ["UTF-16LE with its BOM", utf16("title: Zürich", "le"), "title: Zürich"],
    ["UTF-16BE with its BOM", utf16("title: Zürich", "be"), "title: Zürich"],
  ])("%s", (_name, bytes, want) => {
    expect(decodeSpec(bytes)).toBe(want);
  });

  test.each([
    ["a Latin-1 byte", Buffer.concat([Buffer.from("a: 1\nb: Z"), Buffer.from([0xfc]), Buffer.from("rich\n")]), { line: 2, col: 5, byte: "FC" }],
    ["after a real U+FFFD", Buffer.concat([Buffer.from("a: \uFFFD "), Buffer.from([0xc3, 0x28])]), { line: 1, col: 6, byte: "C3" }],
    ["a truncated sequence at the end", Buffer.from([0x61, 0xe2, 0x82]), { line: 1, col: 2, byte: "E2" }],
    ["after a BOM, which counts as a column", Buffer.concat([Buffer.from("\uFEFFa: Z"), Buffer.from([0xfc])]), { line: 1, col: 6, byte: "FC" }],
    ["after an emoji, two columns as in the parser's positions", Buffer.concat([Buffer.from("a: 😀"), Buffer.from([0xfc])]), { line: 1, col: 6, byte: "FC" }],
  ])("refuses %s at its place", (_name, bytes, { line, col, byte }) => {
    expect(refusal(bytes)).toEqual([
      { severity: "error", message: `the spec is not UTF-8 text: byte 0x${byte} here is not valid UTF-8; save the file as UTF-8`, pointer: "", line, col },
    ]);
  });

  test("refuses UTF-16 that its byte order mark announces but that is not (a lone surrogate)", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x61, 0x00, 0x00, 0xd8, 0x62, 0x00])]);
    expect(refusal(bytes).map((d) => d.message)).toEqual(["the spec is not UTF-16LE text, as its byte order mark says"]);
  });
});
