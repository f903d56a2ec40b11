/**
 * The pipeline: load → validate → model → emit (printed already formatted). `generate` returns
 * the files in memory, with the lock file that lets `--check` skip all of this next time; the CLI
 * decides whether to write them or compare them with the disk.
 *
 * Loading and validating an unchanged spec is skipped (`cache.ts`); a large clean spec is parsed
 * in slices (`yaml-split.ts`), so no YAML document is built and diagnostics are located from the
 * text (`locate-text.ts`).
 */
import { readFile } from "node:fs/promises";
import { inputsHash, lockFile, readCheckedSpec, writeCheckedSpec, type CheckedSpec } from "./cache.js";
import { byPosition, locate, SpecError, type Diagnostic } from "./diagnostics.js";
import { emitFiles, type EmittedFile } from "./emit/index.js";
import type { LoadedSpec } from "./load.js";
import { buildModel, type ApiModel } from "./model/index.js";
import { compareText } from "./order.js";
import type { Json } from "./refs.js";

export interface GenerateOptions {
  /** Spec path as the user gave it; printed in headers, so keep it relative. */
  specPath: string;
  outDir: string;
}

export interface Generated {
  model: ApiModel;
  files: EmittedFile[];
  warnings: Diagnostic[];
}

/**
 * The spec parsed in slices when it can be; its YAML document is built only if something asks
 * for it. Loaded on demand, like validation: a cached spec needs neither (Redocly alone takes
 * ~0.5 s to load).
 */
async function loadText(file: string, text: string): Promise<LoadedSpec> {
  const [{ parseSpec }, { parseSpecInSlices }] = await Promise.all([import("./load.js"), import("./yaml-split.js")]);
  const root = parseSpecInSlices(text);
  if (root === undefined) return parseSpec(file, text);
  let whole: LoadedSpec | undefined;
  const full = () => (whole ??= parseSpec(file, text));
  return {
    file,
    text,
    root,
    warnings: [],
    get document() {
      return full().document;
    },
    get lineCounter() {
      return full().lineCounter;
    },
  };
}

/** `file:line:col` for each diagnostic: from the text, else from the YAML document. */
async function located(spec: LoadedSpec, diagnostics: Diagnostic[]): Promise<Diagnostic[]> {
  const find = (await import("./locate-text.js")).textLocator(spec.text);
  return diagnostics
    .map((d) => {
      if (d.line !== undefined) return d;
      const at = find(d.pointer);
      return at ? { ...d, ...at } : locate(d, spec.document, spec.lineCounter);
    })
    .sort(byPosition);
}

async function checkSpec(file: string, text: string): Promise<CheckedSpec> {
  const [spec, { validate }] = await Promise.all([loadText(file, text), import("./validate.js")]);
  const checked = { root: spec.root, diagnostics: await located(spec, await validate(spec)) };
  await writeCheckedSpec(text, checked);
  return checked;
}

export async function generate(options: GenerateOptions): Promise<Generated> {
  const specText = await readFile(options.specPath, "utf8");
  const { root, diagnostics } = (await readCheckedSpec(specText)) ?? (await checkSpec(options.specPath, specText));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new SpecError(errors);
  let model: ApiModel;
  try {
    model = buildModel(root as Json);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    throw new SpecError(await located(await loadText(options.specPath, specText), error.diagnostics));
  }
  const files = await emitFiles(model, { specPath: options.specPath, outDir: options.outDir });
  const lock = await lockFile(await inputsHash({ ...options, specText }), files);
  return {
    model,
    files: [...files, lock].sort((a, b) => compareText(a.path, b.path)),
    warnings: diagnostics.filter((d) => d.severity === "warning"),
  };
}

export { SpecError, formatDiagnostic } from "./diagnostics.js";
export { findDrift, writeFiles } from "./write.js";
