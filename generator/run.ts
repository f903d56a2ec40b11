/**
 * One generation as the CLI runs it: generate in memory, then write atomically (or compare with
 * `--check`), then report. Shared by a single run and every run of `--watch`.
 */
import { performance } from "node:perf_hooks";
import { regenerateCommand } from "./emit/header.js";
import { generate, SpecError, type GenerateOptions } from "./index.js";
import type { Terminal } from "./terminal.js";
import { checkOutDir, findDrift, OutputError, prepareWrite, writeFiles } from "./write.js";

export interface RunOptions extends GenerateOptions {
  check: boolean;
}

/** 0 written or up to date, 1 out of date (`--check`), 2 the spec or the output folder is unusable. */
export type ExitCode = 0 | 1 | 2;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function failure(error: unknown, options: RunOptions): string | undefined {
  const { code, path } = error as NodeJS.ErrnoException;
  if (code === "ENOENT" && path === options.specPath) return `cannot read ${options.specPath}: no such file`;
  // File-system refusals are the user's to fix (exit 2); any other error is a bug (exit 3).
  if (error instanceof OutputError || (typeof code === "string" && /^E[A-Z]+$/.test(code))) return (error as Error).message;
  return undefined;
}

export async function runOnce(options: RunOptions, terminal: Terminal): Promise<ExitCode> {
  const start = performance.now();
  const seconds = () => `${((performance.now() - start) / 1000).toFixed(2)} s`;
  try {
    if (!options.check) void prepareWrite().catch(() => undefined);
    const { model, files, warnings } = await generate(options);
    for (const warning of warnings) terminal.diagnostic(options.specPath, warning);
    const counts = [plural(model.operations.length, "operation"), plural(files.length, "file")];
    if (warnings.length > 0) counts.push(plural(warnings.length, "warning"));
    if (!options.check) {
      await writeFiles(options.outDir, files);
      terminal.summary(`${counts.join(", ")}, ${seconds()}`);
      return 0;
    }
    await checkOutDir(options.outDir);
    const drift = await findDrift(options.outDir, files);
    if (drift.length > 0) {
      for (const d of drift) terminal.drift(options.outDir, d);
      terminal.error(`atlasgen: ${options.outDir} is out of date; run: ${regenerateCommand(options)}`);
      return 1;
    }
    terminal.summary(`${counts.join(", ")}, ${seconds()}; ${options.outDir} is up to date`);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      for (const d of error.diagnostics) terminal.diagnostic(options.specPath, d);
      terminal.error(`atlasgen: ${plural(error.diagnostics.length, "error")} in ${options.specPath}; ${options.outDir} left unchanged (${seconds()})`);
      return 2;
    }
    const message = failure(error, options);
    if (message === undefined) throw error;
    terminal.error(`atlasgen: ${message}`);
    return 2;
  }
}
