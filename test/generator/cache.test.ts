import { randomUUID } from "node:crypto";
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { cached, LOCK, lockedFlags, readCheckedSpec, sha256, specCacheEntry, specJson, writeCheckedSpec } from "../../generator/cache.js";

describe("the checked-spec cache", () => {
  const entryFor = (text: string) => specCacheEntry(sha256(text));

  test("gives back what was written for the same spec text", async () => {
    const text = `openapi: 3.0.1 # ${randomUUID()}\n`;
    const checked = { root: { openapi: "3.0.1", n: 1.5 }, diagnostics: [{ severity: "warning" as const, message: "m", pointer: "/x", line: 1, col: 1 }] };
    await writeCheckedSpec(await entryFor(text), sha256(text), specJson(checked.root)!, checked.diagnostics);
    expect(await readCheckedSpec(await entryFor(text), sha256(text))).toEqual(checked);
    expect(await readCheckedSpec(await entryFor(text + " "), sha256(text + " "))).toBeUndefined();
  });

  test("an entry copied over another spec's, or with no spec data in it, is not used", async () => {
    const [a, b] = [`openapi: 3.0.1 # ${randomUUID()}\n`, `openapi: 3.0.1 # ${randomUUID()}\n`];
    await writeCheckedSpec(await entryFor(b), sha256(b), '{"openapi":"3.0.1"}', []);
    await copyFile(await entryFor(b), await entryFor(a));
    expect(await readCheckedSpec(await entryFor(a), sha256(a))).toBeUndefined();
    for (const root of ["null", '"x"', "7"]) {
      await writeCheckedSpec(await entryFor(a), sha256(a), root, []);
      expect(await readCheckedSpec(await entryFor(a), sha256(a)), root).toBeUndefined();
    }
  });
});

describe("specJson", () => {
  test("is the spec as JSON", () => {
    const root = { openapi: "3.1.0", paths: { "/a": { get: { "x-n": [1, -2.5, 0] } } }, flag: null };
    expect(JSON.parse(specJson(root)!)).toEqual(root);
  });

  test.each([Infinity, -Infinity, NaN, new Date(0), new Set(["a"]), new Map([["a", 1]]), Buffer.from("a"), 1n])(
    "is nothing for a spec holding %s, which JSON would not give back (the cache keeps no such spec)",
    (value) => {
      expect(specJson({ a: { b: [1, value] } })).toBeUndefined();
    },
  );

  test("a mapping without a prototype is plain data", () => {
    expect(specJson({ a: Object.assign(Object.create(null) as object, { b: 1 }) })).toBe('{"a":{"b":1}}');
  });
});

describe("lockedFlags", () => {
  test.each([
    ['{ "inputs": "x", "target": "js+dts", "files": {} }', { target: "js+dts" }],
    ['{ "inputs": "x", "target": "ts", "files": {} }', { target: "ts" }],
    ['{ "inputs": "x", "target": "ts", "tsCheck": true, "files": {} }', { target: "ts", tsCheck: true }],
    ['{ "inputs": "x", "target": "ts", "tsCheck": "yes", "files": {} }', { target: "ts" }],
    ['{ "inputs": "x", "files": {} }', undefined],
    ['{ "target": "go" }', undefined],
    ['{ "target": "\\u001b[31mts" }', undefined],
    ["null", undefined],
    ["[]", undefined],
    ["{ not json", undefined],
  ])("a lock of %s names %j", async (text, flags) => {
    const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-lock-"));
    await writeFile(path.join(dir, LOCK), text);
    expect(await lockedFlags(dir)).toEqual(flags);
    await rm(dir, { recursive: true });
  });

  test("no lock names no target", async () => {
    expect(await lockedFlags(path.join(tmpdir(), `atlasgen-missing-${randomUUID()}`))).toBeUndefined();
  });
});

describe("cached", () => {
  test("an entry damaged into other JSON is computed again, not returned", async () => {
    const name = `probe${randomUUID().replace(/-/g, "")}`;
    const dir = fileURLToPath(new URL("../../node_modules/.cache/atlasgen/", import.meta.url));
    const isList = (hit: unknown): hit is string[] => Array.isArray(hit) && hit.every((x) => typeof x === "string");
    let computed = 0;
    const compute = async () => (computed++, ["a", "b"]);
    expect(await cached(name, ["x"], compute, isList)).toEqual(["a", "b"]);
    expect(await cached(name, ["x"], compute, isList)).toEqual(["a", "b"]);
    expect(computed).toBe(1);
    const [entry] = (await readdir(dir)).filter((f) => f.startsWith(`${name}-`));
    await writeFile(path.join(dir, entry!), "{}");
    expect(await cached(name, ["x"], compute, isList)).toEqual(["a", "b"]);
    expect(computed).toBe(2);
    await rm(path.join(dir, entry!), { force: true });
  });
});
