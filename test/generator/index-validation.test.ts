import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, test, vi } from "vitest";
import { readCheckedSpec, sha256, specCacheEntry, upToDate } from "../../generator/cache.js";
import { generate, SpecError, writeFiles } from "../../generator/index.js";
import { validateOnWorker } from "../../generator/validate-worker.js";
import { miniSpec, toYaml } from "../helpers/spec.js";

// What validation answers is what this file is about; every other test runs the real worker.
vi.mock("../../generator/validate-worker.js", () => ({ validateOnWorker: vi.fn() }));
const validation = vi.mocked(validateOnWorker);

const LOCKS = fileURLToPath(new URL("../../node_modules/.cache/atlasgen/locks/", import.meta.url));
const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true }))));

async function specFile() {
  const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-validation-"));
  dirs.push(dir);
  const specPath = path.join(dir, "spec.yaml");
  const text = `${toYaml(miniSpec([{}]))}# ${randomUUID()}\n`;
  await writeFile(specPath, text);
  return { specPath, outDir: path.join(dir, "out"), text };
}

test("--check on a spec a newer generator refuses fails every time, not only the first (the lock is marked only once validation passes)", async () => {
  const { specPath, outDir, text } = await specFile();
  validation.mockResolvedValueOnce([]);
  await writeFiles(outDir, (await generate({ specPath, outDir })).files);
  expect(await upToDate(text, specPath, outDir)).toEqual([]);

  // A newer generator (or Redocly) with a rule this spec breaks: it has marked no lock and cached no spec.
  const lockText = await readFile(path.join(outDir, ".atlasgen-lock.json"), "utf8");
  await Promise.all((await readdir(LOCKS)).map((f) => rm(path.join(LOCKS, f, sha256(lockText)), { force: true })));
  await rm(await specCacheEntry(sha256(text)), { force: true });
  expect(await upToDate(text, specPath, outDir)).toBe(false);

  // Answering after the output is built, as Redocly on a worker usually does.
  validation.mockImplementation(() => new Promise((resolve) => setTimeout(() => resolve([{ severity: "error", message: "a new rule", pointer: "/info" }]), 2000)));
  await expect(generate({ specPath, outDir })).rejects.toThrow(SpecError);
  // The output it built is what is on disk, but validation refused the spec: nothing to trust.
  expect(await upToDate(text, specPath, outDir)).toBe(false);
}, 30_000);

// validate-worker.test.ts shows that a failing worker rejects, and test/generator/bundle.test.ts
// what the CLI makes of it; here, what generate does with the rejection.
test("a validation worker that rejects: generate rejects with its error (a bug), and nothing is kept in the spec cache", async () => {
  const { specPath, outDir, text } = await specFile();
  const bug = new Error("the spec could not be validated (worker thread failed: Cannot find module)");
  validation.mockRejectedValueOnce(bug);
  await expect(generate({ specPath, outDir })).rejects.toBe(bug);
  expect(await readCheckedSpec(await specCacheEntry(sha256(text)), sha256(text))).toBeUndefined();
}, 30_000);
