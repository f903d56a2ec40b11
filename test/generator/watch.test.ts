import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runOnce } from "../../generator/run.js";
import { Terminal } from "../../generator/terminal.js";
import { TEMPLATES_DIR } from "../../generator/emit/runtime-files.js";
import { debounce, watchAndRun } from "../../generator/watch.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, what: string, timeout = 20_000): Promise<void> {
  for (const start = Date.now(); !check(); await sleep(25)) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
  }
}

describe("debounce", () => {
  test("a burst of triggers is one run", async () => {
    let runs = 0;
    const runner = debounce(async () => void runs++, 30);
    for (let i = 0; i < 5; i++) runner.trigger();
    await runner.settled();
    expect(runs).toBe(1);
  });

  test("runs never overlap; a trigger during a run means exactly one more run", async () => {
    const log: string[] = [];
    const runner = debounce(async () => {
      log.push("start");
      await sleep(100);
      log.push("end");
    }, 10);
    runner.trigger();
    await sleep(40);
    runner.trigger();
    await sleep(20);
    runner.trigger();
    await runner.settled();
    expect(log).toEqual(["start", "end", "start", "end"]);
  });
});

describe("watchAndRun", () => {
  test("a spec in a folder that does not exist yet: runs once it is created, then on every change", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-watch-"));
    const spec = path.join(dir, "later", "deeper", "spec.yaml");
    let runs = 0;
    const watching = await watchAndRun({ paths: [spec], run: async () => void runs++, onError: (error) => expect.fail(error.message), delay: 20 });
    try {
      await waitFor(() => runs === 1, "the first run");
      await mkdir(path.dirname(spec), { recursive: true });
      await writeFile(spec, "openapi: 3.0.3\n");
      await waitFor(() => runs === 2, "the run after the spec was created");
      await writeFile(spec, "openapi: 3.1.0\n");
      await waitFor(() => runs === 3, "the run after a change");
    } finally {
      await watching.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("watchAndRun with the generator", () => {
  test("regenerates on change, keeps the last good output when the spec breaks", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-watch-"));
    await cp("spec", path.join(dir, "spec"), { recursive: true });
    const specPath = path.join(dir, "spec/atlas-admin-v2.yaml");
    const outDir = path.join(dir, "out");
    const lines: string[] = [];
    const sink = { write: (text: string) => lines.push(...text.trimEnd().split("\n")) };
    const terminal = new Terminal({ stdout: sink, stderr: sink, env: {} });
    const summaries = () => lines.filter((l) => /^2 operations, \d+ files, \d+\.\d\d s$/.test(l)).length;
    const teams = () => readFile(path.join(outDir, "teams.ts"), "utf8");

    const watching = await watchAndRun({
      // As the CLI watches: the spec and the templates.
      paths: [specPath, TEMPLATES_DIR],
      run: async () => void (await runOnce({ specPath, outDir, check: false }, terminal)),
      onError: (error) => lines.push(`watch error: ${error.message}`),
      delay: 50,
    });
    try {
      await waitFor(() => summaries() === 1, "the first run");
      const original = await readFile(specPath, "utf8");

      await writeFile(specPath, original.replace("Removes one MongoDB Cloud user", "Removes exactly one MongoDB Cloud user"));
      await waitFor(() => summaries() === 2, "the run after a change");
      expect(await teams()).toContain("Removes exactly one MongoDB Cloud user");

      const good = await teams();
      await writeFile(specPath, original.replace("operationId: removeOrgTeamUserFromTeam", "operationId: deleteOrgInvite"));
      await waitFor(() => lines.some((l) => l.includes("left unchanged")), "the failed run");
      expect(lines.filter((l) => l.includes(": error: "))).toEqual([expect.stringMatching(/atlas-admin-v2\.yaml:\d+:\d+: error: operationId "deleteOrgInvite" is also used by DELETE/)]);
      expect(await teams()).toBe(good);

      // Editors save by writing a new file and renaming it over the old one.
      await writeFile(`${specPath}.tmp`, original);
      await rename(`${specPath}.tmp`, specPath);
      await waitFor(() => summaries() === 3, "the run after the fix");
      expect(await teams()).toContain("Removes one MongoDB Cloud user");

      // Deleted, then written anew (as some tools save): still watched, for every later change too.
      await rm(specPath);
      await waitFor(() => lines.some((l) => l.includes("no such file")), "the run without a spec");
      // Longer than chokidar's window for taking a delete and a write as one change.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await writeFile(specPath, original.replace("Removes one MongoDB Cloud user", "Removes one cloud user"));
      await waitFor(() => summaries() === 4, "the run after the spec came back");
      expect(await teams()).toContain("Removes one cloud user");
      await writeFile(specPath, original);
      await waitFor(() => summaries() === 5, "the run after a later change");
      expect(await teams()).toContain("Removes one MongoDB Cloud user");
    } finally {
      await watching.close();
    }
    expect(lines.filter((l) => l.startsWith("watch error"))).toEqual([]);
  });
});
