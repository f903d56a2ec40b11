import { execFile } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

test("npm run demo: every step behaves as described and it exits 0", async () => {
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(path.resolve("node_modules/.bin/tsx"), ["examples/demo.ts"], (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
  expect(code).toBe(0);
  expect(stdout).not.toContain("✘");
  expect(stdout.match(/✔/g)).toHaveLength(7);
  expect(stdout).toContain("404 RESOURCE_NOT_FOUND");
  expect(stdout).not.toMatch(/demo-private-key|mdb_sa_sk_demo/);
});
