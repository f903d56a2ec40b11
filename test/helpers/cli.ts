/** Runs the real `atlasgen` bin in a child process. */
import { execFile } from "node:child_process";
import path from "node:path";

export const BIN = path.resolve("bin/atlasgen.js");

export function runCli(args: string[], cwd = process.cwd()): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
