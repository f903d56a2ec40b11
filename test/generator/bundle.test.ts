import path from "node:path";
import { describe, expect, test } from "vitest";
import { isDependency } from "../../generator/bundle.js";

describe("isDependency: what the generator bundle takes in (dependencies) and leaves external (its own imports)", () => {
  test.each([
    ["/repo", "/repo/generator/lint.ts", false],
    ["/repo", "/repo/node_modules/@redocly/openapi-core/lib/index.js", true],
    // atlasgen installed as a dependency: its own sources sit in a node_modules folder too.
    ["/app/node_modules/atlasgen", "/app/node_modules/atlasgen/generator/lint.ts", false],
    ["/app/node_modules/atlasgen", "/app/node_modules/@redocly/ajv/dist/ajv.js", true],
    ["/app/node_modules/atlasgen", "/app/node_modules/atlasgen/node_modules/minimatch/index.js", true],
  ])("%s: %s → %s", (root, file, want) => expect(isDependency(root, file, path.posix)).toBe(want));

  test.each([
    ["C:\\app\\node_modules\\atlasgen", "C:\\app\\node_modules\\atlasgen\\generator\\lint.ts", false],
    ["C:\\app\\node_modules\\atlasgen", "C:\\app\\node_modules\\@redocly\\ajv\\dist\\ajv.js", true],
    // Another drive: outside the package whatever the folder names.
    ["C:\\app\\node_modules\\atlasgen", "D:\\cache\\@redocly\\ajv\\dist\\ajv.js", true],
  ])("Windows %s: %s → %s", (root, file, want) => expect(isDependency(root, file, path.win32)).toBe(want));
});
