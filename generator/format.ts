/** Format: prettier, in-process, with one fixed configuration so output never depends on the user's. */
import { format } from "prettier";
import type { EmittedFile } from "./emit/index.js";

export const PRETTIER_OPTIONS = { parser: "typescript", printWidth: 100 } as const;

export async function formatFiles(files: EmittedFile[]): Promise<EmittedFile[]> {
  return Promise.all(files.map(async (file) => ({ ...file, text: await format(file.text, PRETTIER_OPTIONS) })));
}
