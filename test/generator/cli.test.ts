import { cp, mkdtemp, readFile, writeFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";

async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-cli-"));
  await cp("spec", path.join(dir, "spec"), { recursive: true });
  return dir;
}

describe("atlasgen CLI", () => {
  test("generate writes the client; --check passes; a hand edit makes --check exit 1 naming the file", async () => {
    const dir = await workspace();
    expect(await runCli(["generate"], dir)).toMatchObject({ code: 0 });
    expect(await readdir(path.join(dir, "generated"))).toEqual(expect.arrayContaining(["index.ts", "organizations.ts"]));
    expect(await runCli(["generate", "--check"], dir)).toMatchObject({ code: 0 });

    const target = path.join(dir, "generated/teams.ts");
    await writeFile(target, (await readFile(target, "utf8")) + "// hand edit\n");
    const stale = await runCli(["generate", "--check"], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("generated/teams.ts: stale");
  });

  test("--spec and --out choose the files", async () => {
    const dir = await workspace();
    expect(await runCli(["generate", "--spec", "spec/atlas-admin-v2.yaml", "--out", "client"], dir)).toMatchObject({ code: 0 });
    const index = await readFile(path.join(dir, "client/index.ts"), "utf8");
    expect(index).toContain("// Regenerate with: npx atlasgen generate --spec spec/atlas-admin-v2.yaml --out client");
  });

  test.each([
    [["frobnicate"], 'unknown command "frobnicate"'],
    [[], "missing command"],
    [["generate", "--nope"], "Unknown option '--nope'"],
    [["generate", "--spec", "missing.yaml"], "cannot read missing.yaml"],
  ])("usage error %j exits 2", async (args, message) => {
    const result = await runCli(args, await workspace());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test("an invalid spec exits 2 with file:line:col diagnostics and writes nothing", async () => {
    const dir = await workspace();
    const bad = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a/{x}:\n    get:\n      operationId: a\n      responses: {}\n";
    await writeFile(path.join(dir, "spec/bad.yaml"), bad);
    const result = await runCli(["generate", "--spec", "spec/bad.yaml", "--out", "out"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("spec/bad.yaml:5:5: error: path parameter {x} is not declared in parameters (at #/paths/~1a~1{x}/get)");
    expect(await readdir(dir)).not.toContain("out");
  });
});
