/**
 * Write: puts the generated files on disk, or (`--check`) reports how the disk differs. A manifest
 * lists what was generated, so files the spec no longer produces are removed.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EmittedFile } from "./emit/index.js";

export const MANIFEST = ".atlasgen-manifest.json";

export interface Drift {
  path: string;
  reason: "stale" | "missing" | "extra";
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch {
    return undefined;
  }
}

async function previousFiles(outDir: string): Promise<string[]> {
  const text = await readText(path.join(outDir, MANIFEST));
  try {
    const list: unknown = text === undefined ? [] : JSON.parse(text);
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : [];
  } catch {
    return [];
  }
}

/** The files plus the manifest that lists them. */
export function withManifest(files: EmittedFile[]): EmittedFile[] {
  return [...files, { path: MANIFEST, text: JSON.stringify(files.map((f) => f.path), null, 2) + "\n" }];
}

export async function findDrift(outDir: string, files: EmittedFile[]): Promise<Drift[]> {
  const all = withManifest(files);
  const drift: Drift[] = [];
  for (const file of all) {
    const onDisk = await readText(path.join(outDir, file.path));
    if (onDisk === undefined) drift.push({ path: file.path, reason: "missing" });
    else if (onDisk !== file.text) drift.push({ path: file.path, reason: "stale" });
  }
  const produced = new Set(all.map((f) => f.path));
  for (const old of await previousFiles(outDir)) {
    if (!produced.has(old) && (await readText(path.join(outDir, old))) !== undefined) drift.push({ path: old, reason: "extra" });
  }
  return drift;
}

export async function writeFiles(outDir: string, files: EmittedFile[]): Promise<number> {
  const all = withManifest(files);
  const produced = new Set(all.map((f) => f.path));
  const stale = (await previousFiles(outDir)).filter((old) => !produced.has(old) && !old.split("/").includes(".."));
  let written = 0;
  for (const file of all) {
    const target = path.join(outDir, file.path);
    if ((await readText(target)) === file.text) continue;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
    written++;
  }
  await Promise.all(stale.map((old) => rm(path.join(outDir, old), { force: true })));
  return written;
}
