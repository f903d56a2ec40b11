/** The runtime: `templates/**\/*.ts` copied under `runtime/`, each with the generated header. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compareText } from "../order.js";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

export interface TemplateFile {
  /** Path under `templates/`, with `/` separators. */
  relative: string;
  text: string;
}

export async function readTemplates(dir = TEMPLATES_DIR): Promise<TemplateFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort(compareText);
  return Promise.all(files.map(async (relative) => ({ relative, text: await readFile(path.join(dir, relative), "utf8") })));
}
