/**
 * Validation on a worker thread, so it runs while the main thread models and emits: on the 4 MB
 * Atlas spec, Redocly's OpenAPI rules (~0.3 s to load, ~0.8 s to run) and the generator's own
 * checks (~0.15 s) would otherwise be the largest part of a cold run. The worker starts first and
 * loads Redocly while the main thread parses; it then gets the parsed spec as JSON (`specJson`,
 * which the spec cache keeps too), or as a structured copy when JSON cannot hold it. From the
 * main thread's parse to the worker's copy: JSON ~70 ms, a structured copy ~110 ms (the Atlas
 * spec, cold); a second parse would cost more time and memory.
 *
 * The same module is the worker's entry; it runs a job only when started by `validateOnWorker`.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { Diagnostic } from "./diagnostics.js";
import type { ParsedSpec } from "./load.js";

/** Set by generator/bundle.ts to the bundled entry, relative to this module; unset when running from the sources. */
declare const ATLASGEN_VALIDATE_WORKER: string | undefined;

interface Job {
  atlasgenValidate: true;
}

type Parsed = Pick<ParsedSpec, "file" | "root" | "warnings">;

/** The parsed spec as sent: as JSON where JSON holds it, else as a structured copy. */
type Handover = Pick<Parsed, "file" | "warnings"> & ({ json: string } | { root: unknown });

/** From the sources, the worker compiles this module with tsx, as bin/atlasgen.js does. */
const FROM_SOURCES = `const { workerData } = require("node:worker_threads");
import(workerData.tsx).then((tsx) => tsx.register()).then(() => import(workerData.entry));`;

/**
 * What `validate` finds in the spec `parsed` resolves to (`json` is its `specJson`, if any);
 * nothing if it rejects (the caller reports why). Rejects if the worker itself fails.
 */
export function validateOnWorker(parsed: Promise<Parsed & { json?: string }>): Promise<Diagnostic[]> {
  const job: Job = { atlasgenValidate: true };
  // A small young generation: Redocly's garbage is short-lived, and the worker's heap adds to the
  // process's peak memory (measured on the Atlas spec: ~50 MB instead of ~80 MB, no slower).
  const resourceLimits = { maxYoungGenerationSizeMb: 4 };
  const worker =
    typeof ATLASGEN_VALIDATE_WORKER === "string"
      ? new Worker(new URL(ATLASGEN_VALIDATE_WORKER, import.meta.url), { workerData: job, resourceLimits })
      : new Worker(FROM_SOURCES, { eval: true, resourceLimits, workerData: { ...job, tsx: import.meta.resolve("tsx/esm/api"), entry: import.meta.url } });
  // Unchecked is not valid, but not the spec's fault either (a bundle moved or rebuilt under a
  // running watch): a bug to report, and no finding to keep in the spec cache.
  const failed = (why: string) => new Error(`the spec could not be validated (${why})`);
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("messageerror", (error) => reject(failed(`its answer could not be read: ${error.message}`)));
    worker.once("error", (error) => reject(failed(`worker thread failed: ${error.message}`)));
    worker.once("exit", (code) => reject(failed(`worker thread stopped with exit code ${code}`)));
    parsed.then(
      ({ file, root, warnings, json }) => {
        const handover: Handover = json === undefined ? { file, root, warnings } : { file, json, warnings };
        try {
          worker.postMessage(handover);
        } catch (error) {
          reject(failed(`the spec could not be handed over: ${(error as Error).message}`));
          void worker.terminate();
        }
      },
      () => {
        // Not needed: the caller reports why the spec could not be parsed.
        worker.removeAllListeners().on("error", () => {});
        void worker.terminate();
        resolve([]);
      },
    );
  });
}

if (!isMainThread && (workerData as Partial<Job> | null)?.atlasgenValidate === true) {
  const { validate } = await import("./validate.js");
  // Loaded before the spec arrives: that is the time this saves.
  await import("./lint.js");
  // Not async itself: the JSON text, as large as the spec, is not kept while validation runs.
  parentPort?.once("message", ({ file, warnings, ...sent }: Handover) => {
    const root = "json" in sent ? (JSON.parse(sent.json) as unknown) : sent.root;
    void validate({ file, root, warnings }).then((found) => parentPort?.postMessage(found));
  });
}
