/**
 * Format: the emitters print prettier's layout themselves (`emit/print.ts` builds the documents
 * prettier's TypeScript printer builds and lays them out with prettier's document printer), so
 * generation never parses its own output. `prettierDrift` runs prettier itself, with the
 * project's one fixed configuration, to prove that the output is what prettier would write.
 */
import type { EmittedFile } from "./emit/index.js";

export const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100 } as const;

/** Paths of the files prettier would change. */
export async function prettierDrift(files: EmittedFile[]): Promise<string[]> {
  const { format } = await import("prettier");
  const drift: string[] = [];
  for (const file of files) if ((await format(file.text, PRETTIER_OPTIONS)) !== file.text) drift.push(file.path);
  return drift;
}
