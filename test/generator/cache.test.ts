import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { readCheckedSpec, writeCheckedSpec } from "../../generator/cache.js";

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
