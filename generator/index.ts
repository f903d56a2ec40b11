/**
 * The pipeline: load → validate → model → emit → format. `generate` returns the files in memory;
 * the CLI decides whether to write them or compare them with the disk.
 */
import { byPosition, locate, SpecError, type Diagnostic } from "./diagnostics.js";
import { emitFiles, type EmittedFile } from "./emit/index.js";
import { formatFiles } from "./format.js";
import { loadSpec, type LoadedSpec } from "./load.js";
import { buildModel, type ApiModel } from "./model/index.js";
import type { Json } from "./refs.js";
import { validateSpec } from "./validate.js";

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

function located(spec: LoadedSpec, diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => locate(d, spec.document, spec.lineCounter)).sort(byPosition);
}

export async function generate(options: GenerateOptions): Promise<Generated> {
  const spec = await loadSpec(options.specPath);
  const diagnostics = located(spec, validateSpec(spec.root));
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new SpecError(errors);
  let model: ApiModel;
  try {
    model = buildModel(spec.root as Json);
  } catch (error) {
    throw error instanceof SpecError ? new SpecError(located(spec, error.diagnostics)) : error;
  }
  const files = await emitFiles(model, spec.root as Json, { specPath: options.specPath, outDir: options.outDir });
  return { model, files: await formatFiles(files), warnings: diagnostics.filter((d) => d.severity === "warning") };
}

export { SpecError, formatDiagnostic } from "./diagnostics.js";
export { findDrift, writeFiles } from "./write.js";
