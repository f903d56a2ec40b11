import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { LOCK, lockedTarget, readCheckedSpec, writeCheckedSpec } from "../../generator/cache.js";

describe("the checked-spec cache", () => {
  test("gives back what was written for the same spec text", async () => {
    const text = `openapi: 3.0.1 # ${randomUUID()}\n`;
    const checked = { root: { openapi: "3.0.1", n: 1.5 }, diagnostics: [{ severity: "warning" as const, message: "m", pointer: "/x", line: 1, col: 1 }] };
    await writeCheckedSpec(text, checked);
    expect(await readCheckedSpec(text)).toEqual(checked);
    expect(await readCheckedSpec(text + " ")).toBeUndefined();
  });

  test("keeps no spec that JSON cannot hold (.inf, .nan)", async () => {
    const text = `x: .inf # ${randomUUID()}\n`;
    await writeCheckedSpec(text, { root: { x: Infinity }, diagnostics: [] });
    expect(await readCheckedSpec(text)).toBeUndefined();
  });
});

describe("lockedTarget", () => {
  test.each([
    ['{ "inputs": "x", "target": "js+dts", "files": {} }', "js+dts"],
    ['{ "inputs": "x", "target": "ts", "files": {} }', "ts"],
    ['{ "inputs": "x", "files": {} }', undefined],
    ['{ "target": "go" }', undefined],
    ['{ "target": "\\u001b[31mts" }', undefined],
    ["null", undefined],
    ["[]", undefined],
    ["{ not json", undefined],
  ])("a lock of %s names %j", async (text, target) => {
    const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-lock-"));
    await writeFile(path.join(dir, LOCK), text);
    expect(await lockedTarget(dir)).toBe(target);
    await rm(dir, { recursive: true });
  });

  test("no lock names no target", async () => {
    expect(await lockedTarget(path.join(tmpdir(), `atlasgen-missing-${randomUUID()}`))).toBeUndefined();
  });
});
