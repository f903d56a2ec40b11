/**
 * `--check` without the pipeline: the lock file's hashes decide, and any doubt runs the pipeline.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { LOCK, sha256, upToDate } from "../../generator/cache.js";
import { generate } from "../../generator/index.js";
import { writeFiles } from "../../generator/write.js";
import { BIN, runCli } from "../helpers/cli.js";

const LOCKS = path.resolve("node_modules/.cache/atlasgen/locks");
let dir: string;
const spec = () => path.join(dir, "spec.yaml");
const out = () => path.join(dir, "out");

beforeEach(async () => {
  await mkdir(".tmp", { recursive: true });
  // Relative, as the CLI writes a path inside the working directory (generate() takes it as given).
  dir = path.relative(process.cwd(), await mkdtemp(path.resolve(".tmp/check-")));
  await cp("spec/atlas-admin-v2.yaml", spec());
  await writeFiles(out(), (await generate({ specPath: spec(), outDir: out() })).files);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("upToDate", () => {
  test("right after generating: yes, with the run's warnings (none)", async () => {
    expect(await upToDate(await readFile(spec(), "utf8"), spec(), out())).toEqual([]);
  });

  test.each([
    ["a generated file edited by hand", async () => writeFile(path.join(out(), "teams.ts"), "// edited\n", { flag: "a" })],
    ["a generated file deleted", async () => rm(path.join(out(), "guards.ts"))],
    ["the spec changed", async () => writeFile(spec(), (await readFile(spec(), "utf8")).replace("Remove One Invitation", "Remove an Invitation"))],
    ["the lock edited", async () => writeFile(path.join(out(), LOCK), (await readFile(path.join(out(), LOCK), "utf8")).replace(/"inputs": "\w+"/, `"inputs": "${"x".repeat(64)}"`))],
    ["a lock this generator never wrote", async () => writeFile(path.join(out(), LOCK), (await readFile(path.join(out(), LOCK), "utf8")) + " ")],
    ["the manifest lists another file", async () => writeFile(path.join(out(), ".atlasgen-manifest.json"), '[".atlasgen-lock.json"]\n')],
    ["no lock", async () => rm(path.join(out(), LOCK))],
    ...["[null]", '[{"severity":"warning"}]', "{}"].map((text): [string, () => Promise<void>] => [
      `the lock's marker damaged into ${text}`,
      async () => {
        const marker = sha256(await readFile(path.join(out(), LOCK), "utf8"));
        for (const code of await readdir(LOCKS)) await writeFile(path.join(LOCKS, code, marker), text).catch(() => undefined);
      },
    ]),
  ])("after %s: no (the pipeline decides)", async (_name, change) => {
    await change();
    expect(await upToDate(await readFile(spec(), "utf8"), spec(), out())).toBe(false);
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

test("--check reads the spec once: piped through /dev/stdin, a stale folder exits 1 with its files named, not 2", async () => {
  await writeFile(spec(), (await readFile(spec(), "utf8")).replace("Remove One Invitation", "Remove an Invitation"));
  // A shell pipe, as in CI scripts (a child's stdin from node is a socket, which /dev/stdin cannot open).
  const piped = await new Promise<{ code: number; stderr: string }>((resolve) => {
    const script = 'cat "$1" | NO_COLOR=1 "$2" "$3" generate --check --spec /dev/stdin --out "$4"';
    execFile("sh", ["-c", script, "sh", spec(), process.execPath, BIN, out()], (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
  });
  expect(piped.code).toBe(1);
  expect(piped.stderr).toContain("organizations.ts: stale");
});

test.each([
  ["a file", async () => (await writeFile(path.join(dir, "file.txt"), "x"), path.join(dir, "file.txt")), "exists and is not a folder"],
  ["the working directory", async () => ".", "it contains the working directory"],
])("--check of an output folder that is %s exits 2, as generate would", async (_name, arrange, message) => {
  const target = await arrange();
  const result = await runCli(["generate", "--check", "--spec", path.resolve(spec()), "--out", target], target === "." ? dir : process.cwd());
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(message);
});
