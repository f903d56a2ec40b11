/**
 * Redocly's OpenAPI rules on a worker thread, so they run while the main thread models and emits:
 * on the 4 MB Atlas spec, loading Redocly (~0.5 s) and running it (~0.8 s) would otherwise be the
 * largest part of a cold run. The worker starts first and loads Redocly while the main thread
 * parses; it then gets the parsed spec (a structured copy costs less time and memory than a
 * second parse).
 *
 * The same module is the worker's entry; it runs a job only when started by `lintOnWorker`.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Diagnostic } from "./diagnostics.js";

/** Set by generator/bundle.ts to the bundled entry; unset when running from the sources. */
declare const ATLASGEN_LINT_WORKER: string | undefined;

interface Job {
  atlasgenLint: true;
  file: string;
}

/** From the sources, the worker compiles this module with tsx, as bin/atlasgen.js does. */
const FROM_SOURCES = `const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => tsx.register()).then(() => import(workerData.entry));`;

/** Redocly's findings on the spec `root` resolves to; none if it rejects (the caller reports why). */
export function lintOnWorker(file: string, root: Promise<unknown>): Promise<Diagnostic[]> {
  const job: Job = { atlasgenLint: true, file };
  // A small young generation: Redocly's garbage is short-lived, and the worker's heap adds to the
  // process's peak memory (measured on the Atlas spec: 58 MB instead of 81 MB).
  const resourceLimits = { maxYoungGenerationSizeMb: 8 };
  const worker =
    typeof ATLASGEN_LINT_WORKER === "string"
      ? new Worker(new URL(ATLASGEN_LINT_WORKER), { workerData: job, resourceLimits })
      : new Worker(FROM_SOURCES, { eval: true, resourceLimits, workerData: { ...job, tsx: import.meta.resolve("tsx/esm/api"), entry: import.meta.url } });
  // As when Redocly itself fails (lint.ts): unchecked is not valid.
  const failed = (why: string): Diagnostic[] => [{ severity: "error", message: `the OpenAPI rules could not be checked (${why})`, pointer: "" }];
  return new Promise((resolve) => {
    worker.once("message", resolve);
    worker.once("error", (error) => resolve(failed(`worker thread failed: ${error.message}`)));
    worker.once("exit", (code) => resolve(failed(`worker thread stopped with exit code ${code}`)));
    root.then(
      (value) => worker.postMessage(value),
      () => {
        worker.removeAllListeners();
        void worker.terminate();
        resolve([]);
      },
    );
  });
}

if (!isMainThread && (workerData as Partial<Job> | null)?.atlasgenLint === true) {
  const { file } = workerData as Job;
  const { lintIfOpenApi } = await import("./validate.js");
  // Loaded before the spec arrives: that is the time this saves.
  await import("./lint.js");
  parentPort?.once("message", async (root: unknown) => {
    parentPort?.postMessage(await lintIfOpenApi(file, root));
  });
}
