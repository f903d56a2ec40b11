/**
 * The pipeline: load → validate → model → emit (printed already formatted); validation runs on a
 * worker thread while the main thread models and emits, and the output counts only if it finds
 * no error (so an invalid spec waits as long as a build before its errors show). `generate` returns
 * the files in memory, with the lock file that lets `--check` skip all of this next time; the CLI
 * decides whether to write them or compare them with the disk.
 *
 * Loading and validating an unchanged spec is skipped (`cache.ts`); a clean spec is parsed without
 * a YAML document (`load-fast.ts`), and diagnostics are located from the text (`locate-text.ts`).
 */
import { inputsHash, lockFile, markLock, readCheckedSpec, sha256, specCacheEntry, specJson, writeCheckedSpec, type CheckedSpec } from "./cache.js";
import { byPosition, SpecError, type Diagnostic } from "./diagnostics.js";
import { emitFiles, type EmittedFile } from "./emit/index.js";
import type { Target } from "./emit/targets.js";
import type { LoadedSpec, ParsedSpec } from "./load.js";
import { buildModel, type ApiModel } from "./model/index.js";
import { compareText } from "./order.js";
import type { Json } from "./refs.js";
import { readSpecText } from "./spec-text.js";

export interface GenerateOptions {
  /** Spec path as the user gave it; printed in headers, so keep it relative. */
  specPath: string;
  outDir: string;
  /** `ts` (the default) or `js+dts`: see `emit/targets.ts`. */
  target?: Target;
  /** `ts` target: no `@ts-nocheck`, so the project's tsc checks the generated code too. */
  tsCheck?: boolean;
  /** The spec's text, when the caller has read it already (a pipe can be read only once). */
  specText?: string;
}

export interface Generated {
  model: ApiModel;
  files: EmittedFile[];
  warnings: Diagnostic[];
}

/**
 * The spec by the fast path when it is clean, else with its YAML document. Loaded on demand, like
 * validation: a cached spec needs neither.
 */
async function loadText(file: string, text: string): Promise<ParsedSpec> {
  const clean = (await import("./load-fast.js")).parseClean(text);
  if (clean !== undefined) return { file, text, root: clean.root, warnings: [] };
  return (await import("./load.js")).parseSpec(file, text);
}

/** `file:line:col` for each diagnostic: from the text, else from the YAML document (built if need be). */
async function located(spec: ParsedSpec | LoadedSpec, diagnostics: Diagnostic[]): Promise<Diagnostic[]> {
  const find = (await import("./locate-text.js")).textLocator(spec.text);
  let whole = "document" in spec ? spec : undefined;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const at = d.line === undefined ? find(d.pointer) : d;
    if (at) {
      out.push({ ...d, line: at.line, col: at.col });
      continue;
    }
    const load = await import("./load.js");
    whole ??= load.parseSpec(spec.file, spec.text);
    out.push(load.locate(d, whole.document, whole.lineCounter));
  }
  return out.sort(byPosition);
}

/** The parsed spec, whether it is worth building, and (once validation is done) every diagnostic, located. */
interface Checking {
  root: unknown;
  buildable: boolean;
  diagnostics: Promise<Diagnostic[]>;
}

const isError = (d: Diagnostic) => d.severity === "error";

/**
 * Parses here and validates on a worker thread. The spec is built while validation runs, so it
 * counts as buildable: the output is used only if validation then finds no error. The spec and
 * what validation found are then kept at `cacheEntry`.
 */
async function checkSpec(file: string, text: string, cache: { entry: string; specHash: string }): Promise<Checking> {
  const { validateOnWorker } = await import("./validate-worker.js");
  const parsed = loadText(file, text).then((spec) => ({ ...spec, json: specJson(spec.root) }));
  const found = validateOnWorker(parsed);
  // Handled below, once the spec is parsed; a worker failing before that is no unhandled rejection.
  found.catch(() => {});
  const spec = await parsed;
  const diagnostics = found.then(async (all) => {
    const done = await located(spec, all);
    if (spec.json !== undefined) await writeCheckedSpec(cache.entry, cache.specHash, spec.json, done);
    return done;
  });
  return { root: spec.root, buildable: true, diagnostics };
}

const cachedCheck = ({ root, diagnostics }: CheckedSpec): Checking => ({
  root,
  buildable: !diagnostics.some(isError),
  diagnostics: Promise.resolve(diagnostics),
});

async function build(root: unknown, options: GenerateOptions, specText: string, specHash: string): Promise<{ model: ApiModel; files: EmittedFile[]; lock: EmittedFile }> {
  let model: ApiModel;
  try {
    model = buildModel(root as Json);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(await located(await loadText(options.specPath, specText), error.diagnostics));
  }
  const target = options.target ?? "ts";
  const files = await emitFiles(model, { specPath: options.specPath, outDir: options.outDir, target, tsCheck: options.tsCheck ?? false });
  const lock = lockFile(await inputsHash({ ...options, target, specHash }), options.tsCheck ? { target, tsCheck: true } : { target }, files);
  return { model, files: [...files, lock].sort((a, b) => compareText(a.path, b.path)), lock };
}

export async function generate(options: GenerateOptions): Promise<Generated> {
  const specText = options.specText ?? (await readSpecText(options.specPath));
  const specHash = sha256(specText);
  const cacheEntry = await specCacheEntry(specHash);
  const cached = await readCheckedSpec(cacheEntry, specHash);
  const check = cached ? cachedCheck(cached) : await checkSpec(options.specPath, specText, { entry: cacheEntry, specHash });
  // Modelled and emitted while validation still runs; the output counts only if it finds no error.
  const output = check.buildable ? build(check.root, options, specText, specHash).then((value) => ({ value }), (error: unknown) => ({ error })) : undefined;
  const diagnostics = await check.diagnostics;
  const errors = diagnostics.filter(isError);
  if (errors.length > 0) throw new SpecError(errors);
  const built = await output!;
  if ("error" in built) throw built.error;
  const { model, files, lock } = built.value;
  const warnings = diagnostics.filter((d) => d.severity === "warning");
  await markLock(lock, warnings);
  return { model, files, warnings };
}

export { SpecError, formatDiagnostic } from "./diagnostics.js";
export { findDrift, writeFiles } from "./write.js";
