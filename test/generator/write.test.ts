import { mkdtemp, readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findDrift, MANIFEST, writeFiles } from "../../generator/write.js";

const files = (...entries: [string, string][]) => entries.map(([p, text]) => ({ path: p, text }));

describe("write", () => {
  test("writes files and a manifest; a second write with fewer files removes the extra one", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "atlasgen-write-"));
    await writeFiles(out, files(["a.ts", "A"], ["sub/b.ts", "B"]));
    expect(JSON.parse(await readFile(path.join(out, MANIFEST), "utf8"))).toEqual(["a.ts", "sub/b.ts"]);
    await mkdir(path.join(out, "keep"));
    await writeFile(path.join(out, "keep/user.txt"), "not ours");
    await writeFiles(out, files(["a.ts", "A2"]));
    expect(await readFile(path.join(out, "a.ts"), "utf8")).toBe("A2");
    expect(await readdir(path.join(out, "sub"))).toEqual([]);
    expect(await readFile(path.join(out, "keep/user.txt"), "utf8")).toBe("not ours");
  });

  test("findDrift names stale, missing and extra files", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "atlasgen-drift-"));
    await writeFiles(out, files(["a.ts", "A"], ["b.ts", "B"], ["gone.ts", "G"]));
    expect(await findDrift(out, files(["a.ts", "A"], ["b.ts", "B"], ["gone.ts", "G"]))).toEqual([]);
    await writeFile(path.join(out, "a.ts"), "edited by hand");
    expect(await findDrift(out, files(["a.ts", "A"], ["b.ts", "B"], ["c.ts", "C"]))).toEqual([
      { path: "a.ts", reason: "stale" },
      { path: "c.ts", reason: "missing" },
      { path: MANIFEST, reason: "stale" },
      { path: "gone.ts", reason: "extra" },
    ]);
  });
});
