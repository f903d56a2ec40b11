/**
 * `--check` without the pipeline: the lock file's hashes decide, and any doubt runs the pipeline.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { LOCK, upToDate } from "../../generator/cache.js";
import { generate } from "../../generator/index.js";
import { writeFiles } from "../../generator/write.js";
import { runCli } from "../helpers/cli.js";

let dir: string;
const spec = () => path.join(dir, "spec.yaml");
const out = () => path.join(dir, "out");

beforeEach(async () => {
  await mkdir(".tmp", { recursive: true });
  dir = await mkdtemp(path.resolve(".tmp/check-"));
  await cp("spec/atlas-admin-v2.yaml", spec());
  await writeFiles(out(), (await generate({ specPath: spec(), outDir: out() })).files);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("upToDate", () => {
  test("right after generating: yes", async () => {
    expect(await upToDate(spec(), out())).toBe(true);
  });

  test.each([
    ["a generated file edited by hand", async () => writeFile(path.join(out(), "teams.ts"), "// edited\n", { flag: "a" })],
    ["a generated file deleted", async () => rm(path.join(out(), "guards.ts"))],
    ["the spec changed", async () => writeFile(spec(), (await readFile(spec(), "utf8")).replace("Remove One Invitation", "Remove an Invitation"))],
    ["the lock edited", async () => writeFile(path.join(out(), LOCK), (await readFile(path.join(out(), LOCK), "utf8")).replace(/"inputs": "\w+"/, `"inputs": "${"x".repeat(64)}"`))],
    ["a lock this generator never wrote", async () => writeFile(path.join(out(), LOCK), (await readFile(path.join(out(), LOCK), "utf8")) + " ")],
    ["the manifest lists another file", async () => writeFile(path.join(out(), ".atlasgen-manifest.json"), '[".atlasgen-lock.json"]\n')],
    ["no lock", async () => rm(path.join(out(), LOCK))],
  ])("after %s: no (the pipeline decides)", async (_name, change) => {
    await change();
    expect(await upToDate(spec(), out())).toBe(false);
  });
});

test("the CLI answers --check from the lock; a hand edit still exits 1 with the file named", async () => {
  const clean = await runCli(["generate", "--check", "--spec", spec(), "--out", out()]);
  expect(clean).toMatchObject({ code: 0 });
  // The pipeline's summary starts with counts ("2 operations, …"); the lock's answer is bare.
  expect(clean.stdout.trim()).toMatch(/^\S+ is up to date$/);
  await writeFile(path.join(out(), "teams.ts"), "// edited\n", { flag: "a" });
  const stale = await runCli(["generate", "--check", "--spec", spec(), "--out", out()]);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain("teams.ts: stale");
});
