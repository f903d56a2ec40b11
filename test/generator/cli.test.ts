import { execFile, spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { main } from "../../generator/cli.js";
import type { Io } from "../../generator/terminal.js";
import { BIN, runCli } from "../helpers/cli.js";
import { STRICT, typeErrors } from "../helpers/typecheck.js";

async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-cli-"));
  await cp("spec", path.join(dir, "spec"), { recursive: true });
  return dir;
}

/** One problem for the generator's checks, one for Redocly's: both run on the validation worker. */
const BAD_SPEC = "openapi: 3.0.1\ninfo:\n  title: t\npaths:\n  /a/{x}:\n    get:\n      operationId: a\n      responses: {}\n";

/** `main` in-process with captured output: much faster than a child process. */
async function runMain(args: string[], { tty = false, env = {} }: { tty?: boolean; env?: Io["env"] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: { write: (t: string) => out.push(t), isTTY: tty }, stderr: { write: (t: string) => err.push(t), isTTY: tty }, env };
  const code = await main(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("atlasgen (the bin)", () => {
  test("generate writes the client; --check passes; a hand edit makes --check exit 1 naming the file with a diff", async () => {
    const dir = await workspace();
    const generated = await runCli(["generate"], dir);
    expect(generated).toMatchObject({ code: 0, stderr: "" });
    expect(generated.stdout).toMatch(/^2 operations, \d+ files, \d+\.\d\d s\n$/);
    expect(await readdir(path.join(dir, "generated"))).toEqual(expect.arrayContaining(["index.ts", "organizations.ts"]));
    expect(await runCli(["generate", "--check"], dir)).toMatchObject({ code: 0 });

    const target = path.join(dir, "generated/teams.ts");
    await writeFile(target, (await readFile(target, "utf8")).replace("export function", "// hand edit\nexport function"));
    const stale = await runCli(["generate", "--check"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^generated\/teams\.ts: stale\n {2}@@ line \d+ @@\n {2}- \/\/ hand edit\n/);
    expect(stale.stderr).toContain("atlasgen: generated is out of date; run: npx atlasgen generate --spec spec/atlas-admin-v2.yaml --out generated");
  });

  test("runs writing one folder at once (each target twice) all succeed; it ends as one of them wrote it, user files kept", async () => {
    const dir = await workspace();
    expect(await runCli(["generate", "-q"], dir)).toMatchObject({ code: 0 });
    await writeFile(path.join(dir, "generated/mine.txt"), "not ours");
    const runs = await Promise.all(["ts", "js+dts", "ts", "js+dts"].map((target) => runCli(["generate", "--target", target, "-q"], dir)));
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(Array(4).fill([0, ""]));
    const checks = await Promise.all(["ts", "js+dts"].map((target) => runCli(["generate", "--target", target, "--check", "-q"], dir)));
    expect(checks.filter((c) => c.code === 0)).toHaveLength(1);
    expect(await readFile(path.join(dir, "generated/mine.txt"), "utf8")).toBe("not ours");
    expect((await readdir(dir)).sort()).toEqual(["generated", "spec"]);
  }, 60_000);

  test("--watch: Ctrl-C after a write stops it cleanly (exit 0, lock released)", async () => {
    const dir = await workspace();
    const child = spawn(process.execPath, [BIN, "generate", "--watch", "--out", "fresh"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | string | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
    const written = async () => (await readdir(path.join(dir, "fresh")).catch((): string[] => [])).includes("index.ts");
    for (const start = Date.now(); !(stdout.includes("watching") && (await written())); await new Promise((resolve) => setTimeout(resolve, 25))) {
      if (Date.now() - start > 30_000) throw new Error(`not written and watching: ${stdout}`);
    }
    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["fresh", "spec"]);
  }, 60_000);

  test("an invalid spec exits 2 with file:line:col diagnostics and writes nothing", async () => {
    const dir = await workspace();
    await writeFile(path.join(dir, "spec/bad.yaml"), BAD_SPEC);
    const result = await runCli(["generate", "--spec", "spec/bad.yaml", "--out", "out"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")).toEqual([
      "spec/bad.yaml:2:1: error: The field `version` must be present on this level. (at #/info)",
      "spec/bad.yaml:6:5: error: path parameter {x} is not declared in parameters (at #/paths/~1a~1{x}/get)",
      expect.stringMatching(/^atlasgen: 2 errors in spec\/bad\.yaml; out left unchanged \(\d+\.\d\d s\)$/),
      "",
    ]);
    expect(await readdir(dir)).not.toContain("out");
  });
});

describe("main", () => {
  test.each([
    [["frobnicate"], 'atlasgen: unknown command "frobnicate"'],
    [[], "atlasgen: missing command"],
    [["generate", "--nope"], "atlasgen: Unknown option '--nope'"],
    [["generate", "extra"], 'atlasgen: unexpected argument "extra"'],
    [["generate", "--check", "--watch"], "atlasgen: --check and --watch cannot be combined"],
    [["generate", "--out", "a\nb"], "atlasgen: --out must be a file path on one line"],
    [["generate", "--spec", ""], "atlasgen: --spec must be a file path on one line"],
    [["generate", "--target", "js"], "atlasgen: --target must be one of ts, js+dts"],
    [["generate", "--target", "js+dts", "--ts-check"], "atlasgen: --ts-check applies to --target ts only (declarations have no @ts-nocheck)"],
    [["generate", "--out", "a", "--out", "b"], "atlasgen: --out is given more than once"],
    [["generate", "--spec=a.yaml", "--check", "--spec", "b.yaml"], "atlasgen: --spec is given more than once"],
  ])("usage error %j exits 2 with the usage", async (args, message) => {
    const result = await runMain(args);
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(`${message}`)).toBe(true);
    expect(result.stderr).toContain("\n\nUsage: atlasgen generate");
  });

  test.each([[["--help"]], [["-h"]], [["generate", "--help"]]])("%j prints the usage and exits 0", async (args) => {
    expect(await runMain(args)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage: atlasgen generate .*--watch/s), stderr: "" });
  });

  test.each([[["--version"]], [["-v"]]])("%j prints package.json's version", async (args) => {
    const { version } = JSON.parse(await readFile("package.json", "utf8")) as { version: string };
    expect(await runMain(args)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  test("a missing spec, or a folder given as the spec, exits 2", async () => {
    expect(await runMain(["generate", "--spec", "missing.yaml"])).toMatchObject({ code: 2, stderr: "atlasgen: cannot read missing.yaml: no such file\n" });
    expect(await runMain(["generate", "--spec", "spec"])).toMatchObject({ code: 2, stderr: "atlasgen: cannot read spec: it is a folder; --spec takes the spec file\n" });
  });

  test("an output folder that is a file exits 2 and is left alone", async () => {
    const dir = await workspace();
    await writeFile(path.join(dir, "out"), "mine");
    const result = await runMain(["generate", "--spec", path.join(dir, "spec/atlas-admin-v2.yaml"), "--out", path.join(dir, "out")]);
    expect(result).toMatchObject({ code: 2, stderr: `atlasgen: ${path.join(dir, "out")} exists and is not a folder\n` });
    expect(await readFile(path.join(dir, "out"), "utf8")).toBe("mine");
  });

  test("--spec and --out choose the files; the header says how to regenerate", async () => {
    const dir = await workspace();
    const spec = path.join(dir, "spec/atlas-admin-v2.yaml");
    const out = path.join(dir, "client");
    expect(await runMain(["generate", "--spec", spec, "--out", out])).toMatchObject({ code: 0 });
    expect(await readFile(path.join(out, "index.ts"), "utf8")).toContain(`// Regenerate with: npx atlasgen generate --spec ${spec} --out ${out}`);
  });

  test("a trailing slash names the same folder; paths with spaces or quotes are quoted in the regenerate command", async () => {
    const dir = await workspace();
    const spec = path.join(dir, "spec/it's a spec.yaml");
    await cp(path.join(dir, "spec/atlas-admin-v2.yaml"), spec);
    const out = path.join(dir, "my client");
    expect(await runMain(["generate", "--spec", spec, "--out", `${out}/`])).toMatchObject({ code: 0 });
    expect(await runMain(["generate", "--spec", spec, "--out", out, "--check"])).toMatchObject({ code: 0 });
    const quoted = (p: string) => `'${p.replace(/'/g, "'\\''")}'`;
    expect(await readFile(path.join(out, "index.ts"), "utf8")).toContain(`// Regenerate with: npx atlasgen generate --spec ${quoted(spec)} --out ${quoted(out)}\n`);
  });

  test("absolute paths inside the working directory are written as relative ones: no machine's paths in headers", async () => {
    const args = ["generate", "--spec", path.resolve("spec/atlas-admin-v2.yaml"), "--out", path.resolve("generated"), "--check"];
    expect(await runMain(args)).toMatchObject({ code: 0, stdout: expect.stringMatching(/(^|; )generated is up to date\n$/) });
    // A folder whose name starts with two dots is inside too.
    const dotted = await runMain(["generate", "--spec", path.resolve("spec/atlas-admin-v2.yaml"), "--out", path.resolve("..generated"), "--check"]);
    expect(dotted).toMatchObject({ code: 1, stderr: expect.stringContaining("run: npx atlasgen generate --spec spec/atlas-admin-v2.yaml --out ..generated\n") });
  });

  test("…also as the shell names the working directory, through a symlink ($PWD)", async () => {
    const link = path.join(await mkdtemp(path.join(tmpdir(), "atlasgen-link-")), "repo");
    await symlink(process.cwd(), link);
    const args = [BIN, "generate", "--spec", `${link}/spec/atlas-admin-v2.yaml`, "--out", `${link}/generated`, "--check"];
    const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, args, { cwd: link, env: { ...process.env, PWD: link } }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout })),
    );
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/(^|; )generated is up to date\n$/) });
    await rm(path.dirname(link), { recursive: true });
  });

  test("--check: a folder checked out with CRLF line breaks (core.autocrlf) is up to date, by the lock and by the pipeline", async () => {
    const dir = await workspace();
    const spec = path.join(dir, "spec/atlas-admin-v2.yaml");
    const out = path.join(dir, "client");
    expect(await runMain(["generate", "--spec", spec, "--out", out])).toMatchObject({ code: 0 });
    for (const file of await readdir(out, { recursive: true, encoding: "utf8" })) {
      const at = path.join(out, file);
      if (file.includes(".")) await writeFile(at, (await readFile(at, "utf8")).replace(/\n/g, "\r\n"));
    }
    expect(await runMain(["generate", "--spec", spec, "--out", out, "--check"])).toMatchObject({ code: 0, stdout: `${out} is up to date\n` });
    // The pipeline's comparison, as when the lock cannot answer.
    await writeFile(path.join(out, ".atlasgen-lock.json"), "{}");
    expect(await runMain(["generate", "--spec", spec, "--out", out, "--check"])).toMatchObject({ code: 1, stderr: expect.stringContaining(".atlasgen-lock.json") });
    expect((await runMain(["generate", "--spec", spec, "--out", out, "--check"])).stderr).not.toContain("index.ts");
  }, 60_000);

  test("--ts-check: no @ts-nocheck anywhere, the header says how to regenerate, and --check tells the two apart", async () => {
    const dir = await workspace();
    const spec = path.join(dir, "spec/atlas-admin-v2.yaml");
    const out = path.join(dir, "client");
    expect(await runMain(["generate", "--spec", spec, "--out", out, "--ts-check"])).toMatchObject({ code: 0 });
    const files = (await readdir(out, { recursive: true, encoding: "utf8" })).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(path.join(out, file), "utf8");
      expect(text, file).not.toContain("@ts-nocheck");
      expect(text, file).toContain(`// Regenerate with: npx atlasgen generate --spec ${spec} --out ${out} --ts-check\n`);
    }
    expect(typeErrors([path.join(out, "index.ts")], STRICT)).toEqual([]);
    expect(await runMain(["generate", "--spec", spec, "--out", out, "--ts-check", "--check"])).toMatchObject({ code: 0 });
    // Checked as if generated without it, the folder would be out of date, and regenerating it as told would drop the setting.
    expect(await runMain(["generate", "--spec", spec, "--out", out, "--check"])).toMatchObject({
      code: 2,
      stderr: `atlasgen: ${out} was generated with --target ts --ts-check; check it with: npx atlasgen generate --spec ${spec} --out ${out} --ts-check --check\n`,
    });
    // The other way round, the lock cannot tell "without" from "before locks recorded it": the files differ.
    expect(await runMain(["generate", "--spec", spec, "--out", out])).toMatchObject({ code: 0 });
    expect(await runMain(["generate", "--spec", spec, "--out", out, "--ts-check", "--check"])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`run: npx atlasgen generate --spec ${spec} --out ${out} --ts-check\n`),
    });
  }, 60_000);

  describe("output", () => {
    // Deprecated without x-sunset: a warning, not an error.
    const WARNED = 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a:\n    get:\n      operationId: getA\n      deprecated: true\n      responses:\n        "204": { description: none }\n';
    const warned = (dir: string) => path.join(dir, "spec/warned.yaml");
    const arrange = async () => {
      const dir = await workspace();
      await writeFile(warned(dir), WARNED);
      return dir;
    };

    test("warnings and the summary; --quiet keeps errors only", async () => {
      const dir = await arrange();
      const args = ["generate", "--spec", warned(dir), "--out", path.join(dir, "out")];
      const loud = await runMain(args);
      expect(loud.code).toBe(0);
      expect(loud.stderr).toBe(`${warned(dir)}:7:7: warning: GET /a is deprecated but has no x-sunset date (at #/paths/~1a/get/deprecated)\n`);
      expect(loud.stdout).toMatch(/^1 operation, \d+ files, 1 warning, \d+\.\d\d s\n$/);
      expect(await runMain([...args, "--quiet"])).toEqual({ code: 0, stdout: "", stderr: "" });
      // Answered from the lock, --check says the same warnings as the run that wrote the folder.
      expect(await runMain([...args, "--check"])).toEqual({ code: 0, stdout: `${path.join(dir, "out")} is up to date (1 warning)\n`, stderr: loud.stderr });
      await writeFile(warned(dir), "openapi: [\n");
      expect(await runMain([...args, "--quiet"])).toMatchObject({ code: 2, stdout: "", stderr: expect.stringContaining("warned.yaml:2:1: error:") });
    });

    test.each([
      ["a terminal", true, {}, true],
      ["a terminal with NO_COLOR", true, { NO_COLOR: "1" }, false],
      ["a pipe", false, {}, false],
    ])("colour on %s: %s", async (_name, tty, env, coloured) => {
      const dir = await arrange();
      const result = await runMain(["generate", "--spec", warned(dir), "--out", path.join(dir, "out")], { tty, env });
      expect(result.stderr.includes("\u001b[")).toBe(coloured);
      expect(result.stderr.replace(/\u001b\[\d+m/g, "")).toContain(": warning: GET /a is deprecated");
    });
  });
});
