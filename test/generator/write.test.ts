import { execFileSync, spawn } from "node:child_process";
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findDrift, MANIFEST, OutputError, writeFiles } from "../../generator/write.js";

const files = (...entries: [string, string][]) => entries.map(([p, text]) => ({ path: p, text }));

/** Every file under `dir` (symlinks as `-> target`), so a test can say "byte-identical". */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const result: Record<string, string> = {};
  for (const e of entries.filter((e) => !e.isDirectory())) {
    const full = path.join(e.parentPath, e.name);
    result[path.relative(dir, full)] = e.isSymbolicLink() ? `-> ${await readlink(full)}` : await readFile(full, "utf8");
  }
  return result;
}

/** Resolves once a run writing `root/out` is staging (it holds the lock and has checked it). */
async function stagingStarted(root: string): Promise<void> {
  while (!(await readdir(root)).some((name) => /^\.out\.atlasgen-[0-9a-f]{12}$/.test(name))) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * Runs `scenario` (an ES module with `writeFiles` and `root` in scope) in a child process and
 * returns the JSON it prints. Root may write into a read-only folder: the scenario runs as nobody
 * when the tests run as root.
 */
async function asUser(root: string, scenario: string): Promise<unknown> {
  const module = `
    const { register } = await import("tsx/esm/api");
    register();
    const { writeFiles } = await import(${JSON.stringify(path.resolve("generator/write.ts"))});
    const root = ${JSON.stringify(root)};
    ${scenario}`;
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chown(root, 65534, 65534);
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", module], { encoding: "utf8", ...(asRoot && { uid: 65534, gid: 65534 }) }));
}

async function workspace(): Promise<{ root: string; out: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "atlasgen-write-"));
  return { root, out: path.join(root, "out") };
}

/** A written output folder `out` and a symlink `link` to it. */
async function linkedWorkspace(): Promise<{ root: string; out: string; link: string }> {
  const { root, out } = await workspace();
  await writeFiles(out, files(["a.ts", "A"]));
  const link = path.join(root, "link");
  await symlink(out, link);
  return { root, out, link };
}

describe("writeFiles", () => {
  test("writes files and a manifest; a second write removes what is no longer produced and keeps foreign files", async () => {
    const { out } = await workspace();
    expect(await writeFiles(out, files(["a.ts", "A"], ["sub/b.ts", "B"]))).toEqual([
      { path: "a.ts", reason: "missing" },
      { path: "sub/b.ts", reason: "missing" },
      { path: MANIFEST, reason: "missing" },
    ]);
    expect(JSON.parse(await readFile(path.join(out, MANIFEST), "utf8"))).toEqual(["a.ts", "sub/b.ts"]);
    await mkdir(path.join(out, "keep"));
    await writeFile(path.join(out, "keep/user.txt"), "not ours");
    await symlink("../a.ts", path.join(out, "keep/link.ts"));

    await writeFiles(out, files(["a.ts", "A2"]));
    expect(await snapshot(out)).toEqual({
      "a.ts": "A2",
      [MANIFEST]: '[\n  "a.ts"\n]\n',
      "keep/user.txt": "not ours",
      "keep/link.ts": "-> ../a.ts",
    });
  });

  test("a new folder gets the usual permissions; a replaced one keeps its own", async () => {
    const { root, out } = await workspace();
    await writeFiles(out, files(["a.ts", "A"]));
    await mkdir(path.join(root, "plain"));
    expect((await stat(out)).mode).toBe((await stat(path.join(root, "plain"))).mode);
    await chmod(out, 0o750);
    await writeFiles(out, files(["a.ts", "A2"]));
    expect((await stat(out)).mode & 0o777).toBe(0o750);
  });

  test("subfolders are carried over with their permissions, empty ones too", async () => {
    const { out } = await workspace();
    await writeFiles(out, files(["a.ts", "A"], ["runtime/r.ts", "R"]));
    await mkdir(path.join(out, "empty/deeper"), { recursive: true });
    await mkdir(path.join(out, "private"));
    await writeFile(path.join(out, "private/notes.txt"), "mine");
    await chmod(path.join(out, "private"), 0o700);
    await chmod(path.join(out, "runtime"), 0o750);
    await chmod(path.join(out, "empty/deeper"), 0o500);
    await writeFiles(out, files(["a.ts", "A2"], ["runtime/r.ts", "R2"]));
    const mode = async (folder: string) => (await stat(path.join(out, folder))).mode & 0o777;
    expect({ private: await mode("private"), runtime: await mode("runtime"), deeper: await mode("empty/deeper") }).toEqual({ private: 0o700, runtime: 0o750, deeper: 0o500 });
    expect(await readFile(path.join(out, "private/notes.txt"), "utf8")).toBe("mine");
    expect(await readFile(path.join(out, "runtime/r.ts"), "utf8")).toBe("R2");
  });

  test("a read-only subfolder does not stop later regenerates, nor leaves the old folder behind (as a user without root's powers)", async () => {
    const { root } = await workspace();
    const output = await asUser(
      root,
      `
      const { chmod, readdir, readFile, stat } = await import("node:fs/promises");
      const out = root + "/out";
      const files = (n) => [{ path: "a.ts", text: "A" + n }, { path: "runtime/r.ts", text: "R" + n }];
      await writeFiles(out, files(1));
      await chmod(out + "/runtime", 0o555);
      await writeFiles(out, files(2));
      await writeFiles(out, files(3));
      const mode = (await stat(out + "/runtime")).mode & 0o777;
      console.log(JSON.stringify({ left: await readdir(root), r: await readFile(out + "/runtime/r.ts", "utf8"), mode }));
    `,
    );
    expect(output).toEqual({ left: ["out"], r: "R3", mode: 0o555 });
  }, 30_000);

  test("a symlinked output whose link sits in a read-only folder: locked and written beside the real folder (as a user without root's powers)", async () => {
    const { root } = await workspace();
    const output = await asUser(
      root,
      `
      const { chmod, mkdir, readdir, readFile, symlink } = await import("node:fs/promises");
      await mkdir(root + "/proj");
      await mkdir(root + "/data");
      await symlink("../data/out", root + "/proj/gen");
      await chmod(root + "/proj", 0o555);
      await writeFiles(root + "/proj/gen", [{ path: "a.ts", text: "A1" }]);
      await writeFiles(root + "/proj/gen", [{ path: "a.ts", text: "A2" }]);
      console.log(JSON.stringify({ proj: await readdir(root + "/proj"), data: await readdir(root + "/data"), a: await readFile(root + "/data/out/a.ts", "utf8") }));
    `,
    );
    expect(output).toEqual({ proj: ["gen"], data: ["out"], a: "A2" });
  }, 30_000);

  test("a run killed between its two renames: the next run puts the old folder back, user files and all, and clears the leftovers", async () => {
    const { root, out } = await workspace();
    await writeFiles(out, files(["a.ts", "A"]));
    await writeFile(path.join(out, "mine.txt"), "not ours");
    await rename(out, path.join(root, ".out.atlasgen-0123456789ab.old"));
    await mkdir(path.join(root, ".out.atlasgen-0123456789ab"));
    // Named as the previous release named them (host, pid): leftovers too.
    await mkdir(path.join(root, ".out.atlasgen-5bce98f7-31621-ba9876543210"));
    // Not named as a write names its folders: kept.
    await mkdir(path.join(root, ".out.atlasgen-notes"));
    await mkdir(path.join(root, ".out.atlasgen-2024-01-01"));
    await writeFiles(out, files(["a.ts", "A2"]));
    expect(await snapshot(out)).toEqual({ "a.ts": "A2", [MANIFEST]: '[\n  "a.ts"\n]\n', "mine.txt": "not ours" });
    expect((await readdir(root)).sort()).toEqual([".out.atlasgen-2024-01-01", ".out.atlasgen-notes", "out"]);
  });

  describe("the lock: one writer at a time", () => {
    test("a run waits while another holds the lock, then writes", async () => {
      const { root, out } = await workspace();
      await writeFiles(out, files(["a.ts", "A"]));
      const lock = path.join(root, ".out.atlasgen-lock");
      await mkdir(lock);
      let done = false;
      const run = writeFiles(out, files(["a.ts", "A2"])).then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(done).toBe(false);
      expect(await readFile(path.join(out, "a.ts"), "utf8")).toBe("A");
      await rm(lock, { recursive: true });
      await run;
      expect(await readFile(path.join(out, "a.ts"), "utf8")).toBe("A2");
      expect((await readdir(root)).sort()).toEqual(["out"]);
    });

    test("a lock its holder stopped refreshing (a killed run) is taken over", async () => {
      const { root, out } = await workspace();
      const lock = path.join(root, ".out.atlasgen-lock");
      await mkdir(lock);
      const anHourAgo = new Date(Date.now() - 3_600_000);
      await utimes(lock, anHourAgo, anHourAgo);
      await writeFiles(out, files(["a.ts", "A"]));
      expect(await readdir(root)).toEqual(["out"]);
    });

    test("two runs after a killed one: both succeed, the old folder is put back once", async () => {
      const { root, out } = await workspace();
      await writeFiles(out, files(["a.ts", "A"]));
      await writeFile(path.join(out, "mine.txt"), "not ours");
      await rename(out, path.join(root, ".out.atlasgen-0123456789ab.old"));
      const runs = await Promise.allSettled([writeFiles(out, files(["a.ts", "A2"])), writeFiles(out, files(["a.ts", "A2"]))]);
      expect(runs.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      expect(await snapshot(out)).toEqual({ "a.ts": "A2", [MANIFEST]: '[\n  "a.ts"\n]\n', "mine.txt": "not ours" });
      expect(await readdir(root)).toEqual(["out"]);
    });

    test("a symlinked folder: runs writing it at once all succeed, the link stays a link", async () => {
      const { root, out, link } = await linkedWorkspace();
      for (let round = 0; round < 5; round++) {
        const runs = await Promise.allSettled(["x", "y", "z"].map((v) => writeFiles(link, files(["a.ts", `${v}${round}`]))));
        expect(runs.filter((r) => r.status === "rejected")).toEqual([]);
      }
      expect((await lstat(link)).isSymbolicLink()).toBe(true);
      expect((await readdir(root)).sort()).toEqual(["link", "out"]);
    });

    test("a symlinked folder a killed run had set aside: a run through the link puts it back", async () => {
      const { root, out, link } = await linkedWorkspace();
      await writeFile(path.join(out, "mine.txt"), "not ours");
      await rename(out, path.join(root, ".out.atlasgen-0123456789ab.old"));
      await writeFiles(link, files(["a.ts", "A2"]));
      expect(await snapshot(out)).toEqual({ "a.ts": "A2", [MANIFEST]: '[\n  "a.ts"\n]\n', "mine.txt": "not ours" });
      expect((await readdir(root)).sort()).toEqual(["link", "out"]);
    });

    test("a dangling link is written through, `..` in its target taken from the link's real folder", async () => {
      const { root } = await workspace();
      await mkdir(path.join(root, "deep/x/sub"), { recursive: true });
      await symlink(path.join(root, "deep/x/sub"), path.join(root, "a"));
      await symlink("../gen", path.join(root, "deep/x/sub/out"));
      await writeFiles(path.join(root, "a/out"), files(["a.ts", "A"]));
      expect(await readdir(path.join(root, "deep/x/gen"))).toEqual([MANIFEST, "a.ts"]);
      expect(await writeFiles(path.join(root, "a/out"), files(["a.ts", "A"]))).toEqual([]);
    });

    test("a link and its target written at once share one lock: all succeed", async () => {
      const { root, out, link } = await linkedWorkspace();
      for (let round = 0; round < 10; round++) {
        const runs = await Promise.allSettled([writeFiles(link, files(["a.ts", `l${round}`])), writeFiles(out, files(["a.ts", `o${round}`]))]);
        expect(runs.filter((r) => r.status === "rejected")).toEqual([]);
      }
      expect((await readdir(root)).sort()).toEqual(["link", "out"]);
    });

    test("a run whose lock another run took over (it stalled) leaves the folder alone", async () => {
      const { root, out } = await workspace();
      await writeFiles(out, files(["a.ts", "A"]));
      const lock = path.join(root, ".out.atlasgen-lock");
      // Thousands of files: staging takes long enough to take the lock over meanwhile.
      const many = files(...Array.from({ length: 3000 }, (_, i): [string, string] => [`f${i}.ts`, `${i}`]));
      // Its outcome is taken at once: it may fail before the test gets to look.
      const run = writeFiles(out, many).then(() => "written", (error: Error) => error.message);
      await stagingStarted(root);
      // What proper-lockfile does to a stale lock: remove it, make a new one.
      await rm(lock, { recursive: true });
      await mkdir(lock);
      expect(await run).toMatch(/another atlasgen run took over the lock on .* while this one stalled/);
      expect(await snapshot(out)).toEqual({ "a.ts": "A", [MANIFEST]: '[\n  "a.ts"\n]\n' });
      // The other run's lock is its own to release.
      expect((await readdir(root)).sort()).toEqual([".out.atlasgen-lock", "out"]);
    });

    test("…nor when its process exits: the other run's lock stays", async () => {
      const { root, out } = await workspace();
      await writeFiles(out, files(["a.ts", "A"]));
      const lock = path.join(root, ".out.atlasgen-lock");
      const script = path.join(root, "run.mts");
      await writeFile(
        script,
        `import { writeFiles } from ${JSON.stringify(path.resolve("generator/write.ts"))};\n` +
          `const many = Array.from({ length: 3000 }, (_, i) => ({ path: \`f\${i}.ts\`, text: String(i) }));\n` +
          `await writeFiles(${JSON.stringify(out)}, many).then(() => process.exit(0), (error) => { console.log(error.message); process.exit(5); });\n`,
      );
      const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: process.cwd() });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
      await stagingStarted(root);
      await rm(lock, { recursive: true });
      await mkdir(lock);
      expect(await exited).toBe(5);
      expect(stdout).toMatch(/another atlasgen run took over the lock/);
      expect((await readdir(root)).sort()).toEqual([".out.atlasgen-lock", "out", "run.mts"]);
    }, 60_000);

    test("an up-to-date folder is not locked at all", async () => {
      const { root, out } = await workspace();
      await writeFiles(out, files(["a.ts", "A"]));
      await mkdir(path.join(root, ".out.atlasgen-lock"));
      await expect(writeFiles(out, files(["a.ts", "A"]))).resolves.toEqual([]);
    });
  });

  describe("runs writing one folder at once (a --watch and a build)", () => {
    const race = async (outputs: ReturnType<typeof files>[]) => {
      const { root, out } = await workspace();
      await writeFiles(out, files(["a.ts", "old"]));
      await writeFile(path.join(out, "mine.txt"), "not ours");
      const runs = await Promise.allSettled(outputs.map((o) => writeFiles(out, o)));
      return { root, out, failed: runs.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)) };
    };

    test("the same output: every run succeeds, and the folder holds it, user files kept, nothing left beside it", async () => {
      for (let round = 0; round < 5; round++) {
        const { root, out, failed } = await race(Array.from({ length: 6 }, () => files(["a.ts", "new"], ["sub/b.ts", "B"])));
        expect(failed).toEqual([]);
        expect(await snapshot(out)).toEqual({ "a.ts": "new", "sub/b.ts": "B", [MANIFEST]: '[\n  "a.ts",\n  "sub/b.ts"\n]\n', "mine.txt": "not ours" });
        expect(await readdir(root)).toEqual(["out"]);
      }
    });

    test("different outputs: the folder ends as one run wrote it, never a mix, user files kept", async () => {
      for (let round = 0; round < 5; round++) {
        // `shared.ts` is the same in every output: unchanged files are carried, never from another run's folder.
        const outputs = ["x", "y", "z"].map((v) => files(["a.ts", v], ["shared.ts", "S"], [`${v}.ts`, v]));
        const { root, out, failed } = await race(outputs);
        expect(failed).toEqual([]);
        const final = await snapshot(out);
        const wrote = outputs.find(([a]) => final["a.ts"] === a!.text)!;
        expect(final).toEqual({ ...Object.fromEntries(wrote.map((f) => [f.path, f.text])), [MANIFEST]: `${JSON.stringify(wrote.map((f) => f.path).sort(), null, 2)}\n`, "mine.txt": "not ours" });
        expect(await readdir(root)).toEqual(["out"]);
      }
    });
  });

  test("an unchanged file keeps its inode and mtime; nothing is touched when nothing changed", async () => {
    const { out } = await workspace();
    await writeFiles(out, files(["same.ts", "S"], ["changes.ts", "1"]));
    const before = await stat(path.join(out, "same.ts"));
    expect(await writeFiles(out, files(["same.ts", "S"], ["changes.ts", "2"]))).toMatchObject([{ path: "changes.ts", reason: "stale" }]);
    const after = await stat(path.join(out, "same.ts"));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    const folder = (await stat(out)).ino;
    expect(await writeFiles(out, files(["same.ts", "S"], ["changes.ts", "2"]))).toEqual([]);
    expect((await stat(out)).ino).toBe(folder);
  });

  test("a failure while writing leaves the folder byte-identical and no temporary folder behind", async () => {
    const { root, out } = await workspace();
    await writeFiles(out, files(["a.ts", "A"], ["b.ts", "B"]));
    const before = await snapshot(out);
    // `x.ts` as a file and as a folder: the second write fails halfway through staging.
    await expect(writeFiles(out, files(["a.ts", "A2"], ["x.ts", "X"], ["x.ts/y.ts", "Y"]))).rejects.toThrow();
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(root)).toEqual(["out"]);
  });

  test.each([["../escape.ts"], ["/abs.ts"], ["a/../../b.ts"], ["C:\\\\x.ts"], [""]])("refuses to write %j and changes nothing", async (bad) => {
    const { root, out } = await workspace();
    await writeFiles(out, files(["a.ts", "A"]));
    await expect(writeFiles(out, files(["a.ts", "A2"], [bad, "evil"]))).rejects.toThrow(OutputError);
    expect(await snapshot(root)).toEqual({ "out/a.ts": "A", [`out/${MANIFEST}`]: '[\n  "a.ts"\n]\n' });
  });

  test("never deletes outside the folder, even when the manifest names such files", async () => {
    const { root, out } = await workspace();
    await writeFile(path.join(root, "precious.txt"), "keep me");
    await mkdir(out);
    await writeFile(path.join(out, MANIFEST), JSON.stringify(["../precious.txt", "/etc/hostname"]));
    await writeFiles(out, files(["a.ts", "A"]));
    expect(await readFile(path.join(root, "precious.txt"), "utf8")).toBe("keep me");
  });

  test("a symlinked output folder is written through and stays a symlink", async () => {
    const { root, out } = await workspace();
    await mkdir(path.join(root, "real"));
    await symlink("real", out);
    await writeFiles(out, files(["a.ts", "A"]));
    expect(await readlink(out)).toBe("real");
    expect(await readFile(path.join(root, "real/a.ts"), "utf8")).toBe("A");
  });

  test("refuses an output folder that is a file", async () => {
    const { out } = await workspace();
    await writeFile(out, "x");
    await expect(writeFiles(out, files(["a.ts", "A"]))).rejects.toThrow(new OutputError(`${out} exists and is not a folder`));
  });

  test("refuses to replace a folder that holds the working directory", async () => {
    const parent = path.dirname(process.cwd());
    await expect(writeFiles(parent, files(["a.ts", "A"]))).rejects.toThrow(`refusing to replace ${parent}: it contains the working directory`);
  });
});

describe("findDrift", () => {
  test("names stale, missing and extra files, with a short diff for stale ones", async () => {
    const { out } = await workspace();
    await writeFiles(out, files(["a.ts", "A\nsame\n"], ["b.ts", "B"], ["gone.ts", "G"]));
    expect(await findDrift(out, files(["a.ts", "A\nsame\n"], ["b.ts", "B"], ["gone.ts", "G"]))).toEqual([]);
    await writeFile(path.join(out, "a.ts"), "edited by hand\nsame\n");
    expect(await findDrift(out, files(["a.ts", "A\nsame\n"], ["b.ts", "B"], ["c.ts", "C"]))).toEqual([
      { path: "a.ts", reason: "stale", diff: ["@@ line 1 @@", "- edited by hand", "+ A"] },
      { path: "c.ts", reason: "missing" },
      { path: MANIFEST, reason: "stale", diff: ["@@ line 4 @@", '-   "gone.ts"', '+   "c.ts"'] },
      { path: "gone.ts", reason: "extra" },
    ]);
  });

  test("CRLF line breaks on disk (a Windows checkout with core.autocrlf) are no drift; other changes still are", async () => {
    const { out } = await workspace();
    await writeFiles(out, files(["a.ts", "A\nsame\n"], ["b.ts", "B\n"]));
    await writeFile(path.join(out, "a.ts"), "A\r\nsame\r\n");
    await writeFile(path.join(out, MANIFEST), (await readFile(path.join(out, MANIFEST), "utf8")).replace(/\n/g, "\r\n"));
    expect(await findDrift(out, files(["a.ts", "A\nsame\n"], ["b.ts", "B\n"]))).toEqual([]);
    await writeFile(path.join(out, "b.ts"), "B\r\nmore\r\n");
    // The diff shows the change, not every line's line break.
    expect(await findDrift(out, files(["a.ts", "A\nsame\n"], ["b.ts", "B\n"]))).toEqual([{ path: "b.ts", reason: "stale", diff: ["@@ line 2 @@", "- more"] }]);
  });
});
