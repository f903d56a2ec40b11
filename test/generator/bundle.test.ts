import { execFile } from "node:child_process";
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { isDependency } from "../../generator/bundle.js";
import { miniSpec, toYaml } from "../helpers/spec.js";

const run = promisify(execFile);

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

/** Exit code and output of a command, whatever the code. */
const outcome = (command: string, args: string[], cwd: string) =>
  new Promise<{ code: number; stderr: string }>((resolve) => execFile(command, args, { cwd }, (error, _out, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr })));

test("a checkout copied with its node_modules (a symlink, as CI caches restore it), then moved, runs its own bundle on its own templates", async () => {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-moved-"));
  const pkg = path.join(dir, "pkg");
  const store = path.join(dir, "store", "node_modules");
  await mkdir(store, { recursive: true });
  for (const part of ["generator", "bin", "templates", "spec", "package.json"]) await cp(path.join(root, part), path.join(pkg, part), { recursive: true });
  // The dependencies as installed; the bundle is built here, as `npm ci` would build it. Node
  // names the bundle by its real path, in the store.
  await symlink(store, path.join(pkg, "node_modules"));
  for (const entry of await readdir(path.join(root, "node_modules"))) {
    if (entry !== ".cache") await symlink(path.join(root, "node_modules", entry), path.join(store, entry));
  }
  await writeFile(path.join(pkg, "build.mts"), 'import { bundleGenerator } from "./generator/bundle.ts";\nawait bundleGenerator();\n');
  await run(process.execPath, ["--import", "tsx", "build.mts"], { cwd: pkg });

  const moved = path.join(dir, "moved");
  await rename(pkg, moved);
  // Without tsx only the bundle can run: a stale or missing one fails instead of passing from the sources.
  await rm(path.join(moved, "node_modules", "tsx"));
  await appendFile(path.join(moved, "templates", "version.ts"), "// edited in the moved checkout\n");
  await run(process.execPath, ["bin/atlasgen.js", "generate", "--out", "out"], { cwd: moved });
  expect(await readFile(path.join(moved, "out", "runtime", "version.ts"), "utf8")).toContain("// edited in the moved checkout");
  // Nothing was read from, or written to, where it was built.
  await expect(stat(pkg)).rejects.toThrow();

  // A validation worker that fails is a bug to report (exit 3), not the spec's error (exit 2) nor a
  // crash (exit 1), also while a spec that needs the YAML document is still being parsed.
  const worker = path.join(store, ".cache/atlasgen/bundle/validate-worker.mjs");
  await writeFile(worker, `if (!(await import("node:worker_threads")).isMainThread) throw new Error("broken");\n${await readFile(worker, "utf8")}`);
  // Large enough that the worker fails while the YAML document is still being built.
  const many = miniSpec(Array.from({ length: 3000 }, (_, i) => ({ operationId: `op${i}`, path: `/things${i}/{id}` })));
  await writeFile(path.join(moved, "aliased.yaml"), `${toYaml(many)}x-a: &a { k: 1 }\nx-b: *a\n`);
  const broken = await outcome(process.execPath, ["bin/atlasgen.js", "generate", "--spec", "aliased.yaml", "--out", "out2"], moved);
  expect(broken).toMatchObject({ code: 3, stderr: expect.stringContaining("internal error, please report: Error: the spec could not be validated (worker thread failed: broken)") });
  await rm(dir, { recursive: true, force: true });
}, 60_000);
