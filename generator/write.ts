/**
 * Write: puts the generated files on disk, or (`--check`) reports how the disk differs. A manifest
 * lists what was generated, so files the spec no longer produces are removed.
 *
 * Writing is atomic: the new folder is built beside the output folder and swapped in with two
 * renames, so a failure at any point leaves the output folder as it was. Files and folders in the
 * folder that the generator did not write are carried over, and every folder keeps its
 * permissions; nothing outside the folder is ever touched. Writers take turns through a lock
 * beside the folder, so runs writing one folder at once never mix their outputs.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { chmod, copyFile, link, lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { withLf } from "./cache.js";
import { shortDiff } from "./diff.js";
import type { EmittedFile } from "./emit/index.js";
import { compareText } from "./order.js";

export const MANIFEST = ".atlasgen-manifest.json";

/** The output folder cannot be written as asked (it is a file, or would swallow the working directory). */
export class OutputError extends Error {}

export interface Drift {
  path: string;
  reason: "stale" | "missing" | "extra";
  /** For stale files: the first changed lines, `-` on disk, `+` generated. */
  diff?: string[];
}

/** Relative, `/`-separated and without `.`/`..` segments: a path that stays inside the folder. */
function isInside(file: string): boolean {
  return !file.startsWith("/") && !/[\\:\0]/.test(file) && file.split("/").every((s) => s !== "" && s !== "." && s !== "..");
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
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string" && isInside(p)) : [];
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
    else if (withLf(onDisk) !== withLf(file.text)) drift.push({ path: file.path, reason: "stale", diff: shortDiff(withLf(onDisk), withLf(file.text)) });
  }
  const produced = new Set(all.map((f) => f.path));
  for (const old of await previousFiles(outDir)) {
    if (!produced.has(old) && (await readText(path.join(outDir, old))) !== undefined) drift.push({ path: old, reason: "extra" });
  }
  return drift;
}

/**
 * Where a missing `outDir` is to be: a symlink whose target is missing (set aside by another run,
 * or by a killed one) names its target, so every run writes, locks and recovers beside it.
 */
async function missingTarget(outDir: string): Promise<string> {
  let at = path.resolve(outDir);
  for (let hops = 0; hops < 40; hops++) {
    const target = await readlink(at).catch(() => undefined);
    if (target === undefined) break;
    // `..` in the target is taken from the link's real folder, as the system does.
    at = path.resolve(await realpath(path.dirname(at)).catch(() => path.dirname(at)), target);
  }
  return at;
}

/** The real output folder (a symlinked one is written through), or where it is to be when it does not exist. */
async function resolveOutDir(outDir: string): Promise<{ dir: string; exists: boolean }> {
  try {
    const dir = await realpath(outDir);
    if (!(await lstat(dir)).isDirectory()) throw new OutputError(`${outDir} exists and is not a folder`);
    // The folder is replaced as a whole: never the one we run in or one of its parents.
    const cwd = path.relative(dir, process.cwd());
    if (!cwd.startsWith("..") && !path.isAbsolute(cwd)) throw new OutputError(`refusing to replace ${outDir}: it contains the working directory`);
    return { dir, exists: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { dir: await missingTarget(outDir), exists: false };
    throw error;
  }
}

/**
 * Puts an existing file into the staged folder. A hard link keeps an unchanged file's inode and
 * mtime, so build tools see no change; a symlink is recreated, not followed.
 */
async function carry(from: string, to: string, isLink = false): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  if (isLink) await symlink(await readlink(from), to);
  else await link(from, to).catch(() => copyFile(from, to));
}

interface Entry {
  /** `/`-separated, relative to the folder. */
  relative: string;
  isFolder: boolean;
  isLink: boolean;
}

async function entriesOf(dir: string): Promise<Entry[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).map((e) => ({
    relative: path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"),
    isFolder: e.isDirectory(),
    isLink: e.isSymbolicLink(),
  }));
}

/**
 * The old folder's subfolders, empty ones too, made again in the staged folder with their own
 * permissions. Deepest first, after everything is written: a read-only folder is then no obstacle.
 */
async function carryFolders(dir: string, stage: string, folders: string[]): Promise<void> {
  const deepestFirst = [...folders].sort((a, b) => b.split("/").length - a.split("/").length);
  for (const folder of deepestFirst) await mkdir(path.join(stage, folder), { recursive: true });
  for (const folder of deepestFirst) await chmod(path.join(stage, folder), (await stat(path.join(dir, folder))).mode & 0o7777);
}

/** Removes a folder tree, read-only subfolders (kept so by `carryFolders`) included. */
async function removeTree(dir: string): Promise<void> {
  const folders = await entriesOf(dir).then(
    (entries) => entries.filter((e) => e.isFolder).map((e) => path.join(dir, e.relative)),
    () => [],
  );
  for (const folder of [dir, ...folders]) {
    // One not ours to change, or gone: `rm` then says what it cannot remove.
    await stat(folder).then((s) => chmod(folder, (s.mode & 0o7777) | 0o700)).catch(() => undefined);
  }
  await rm(dir, { recursive: true, force: true });
}

async function stageFolder(out: { dir: string; exists: boolean }, stage: string, all: EmittedFile[], changed: Set<string>): Promise<void> {
  await Promise.all(
    all.map(async (file) => {
      const to = path.join(stage, file.path);
      if (out.exists && !changed.has(file.path)) return carry(path.join(out.dir, file.path), to);
      await mkdir(path.dirname(to), { recursive: true });
      await writeFile(to, file.text);
    }),
  );
  if (!out.exists) return;
  const ours = new Set([...(await previousFiles(out.dir)), ...all.map((f) => f.path)]);
  const entries = await entriesOf(out.dir);
  // Files and symlinks the generator never wrote.
  for (const entry of entries.filter((e) => !e.isFolder && !ours.has(e.relative))) {
    await carry(path.join(out.dir, entry.relative), path.join(stage, entry.relative), entry.isLink);
  }
  await carryFolders(out.dir, stage, entries.filter((e) => e.isFolder).map((e) => e.relative));
}

/**
 * Two renames: the old folder aside, the new one in; the old one is put back if the second fails.
 * `stillOurs` is asked first: a run that lost its lock must not touch the folder.
 */
async function swap(out: { dir: string; exists: boolean }, stage: string, stillOurs: () => Promise<void>): Promise<void> {
  const backup = `${stage}.old`;
  await stillOurs();
  if (out.exists) await rename(out.dir, backup);
  try {
    await rename(stage, out.dir);
  } catch (error) {
    if (out.exists) await rename(backup, out.dir);
    throw error;
  }
  await removeTree(backup);
}

/** Beside every output folder, how the names of the folders a write makes there begin. */
const stagePrefix = (dir: string): string => `.${path.basename(dir)}.atlasgen-`;

/**
 * What a run killed while writing left beside the output folder: its staged folder, and, if it
 * died between the two renames, the previous output set aside (`….old`), which is put back when
 * the output folder is missing, so files the user added to it are not lost. Run with the lock
 * held: no other run is writing, so whatever is there is a leftover, whichever host made it.
 */
async function recoverInterrupted(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  const prefix = stagePrefix(dir);
  const leftovers = (await readdir(parent).catch(() => [] as string[]))
    // `<12 hex>`, as named by `replaceFolder`; earlier releases put a pid (and a host hash) before it.
    .map((name) => ({ name, match: name.startsWith(prefix) ? /^(?:[0-9a-f]{8}-)?(?:\d+-)?[0-9a-f]{12}(\.old)?$/.exec(name.slice(prefix.length)) : null }))
    .filter((l) => l.match)
    // The set-aside folders first: one may have to become the output folder again.
    .sort((a, b) => Number(Boolean(b.match![1])) - Number(Boolean(a.match![1])) || compareText(a.name, b.name));
  for (const { name, match } of leftovers) {
    const leftover = path.join(parent, name);
    const missing = await lstat(dir).then(() => false, () => true);
    if (match![1] && missing) await rename(leftover, dir);
    else await removeTree(leftover);
  }
}

let lockModule: Promise<typeof import("proper-lockfile")> | undefined;

/**
 * Loads the lock's module (~25 ms of CommonJS) ahead of a write: a run that will write calls this
 * first, and it loads while the main thread waits for validation.
 */
export function prepareWrite(): Promise<typeof import("proper-lockfile")> {
  return (lockModule ??= import("proper-lockfile"));
}

/** A folder's identity: a lock folder another run took over is a new folder. */
const identity = async (dir: string) => {
  const { ino, birthtimeMs } = await stat(dir);
  return `${ino}:${birthtimeMs}`;
};

/**
 * Runs `write` while holding the lock of output folder `dir` (a folder beside it,
 * `proper-lockfile`): one writer at a time, whichever process or host, so runs writing one folder
 * at once (a `--watch` and a build) take turns. A lock its holder stopped refreshing (a killed or
 * stalled run) is taken over after `stale`; `write` gets a check that the lock is still its own.
 */
async function withLock<T>(dir: string, write: (stillOurs: () => Promise<void>) => Promise<T>): Promise<T> {
  const { lock } = await prepareWrite();
  await mkdir(path.dirname(dir), { recursive: true });
  const lockfilePath = `${path.join(path.dirname(dir), stagePrefix(dir))}lock`;
  let lost: Error | undefined;
  let ours = true;
  // Every removal of the lock folder proper-lockfile makes (a release, its exit hook) goes
  // through this: none once the folder is another run's.
  const guarded = {
    ...fs,
    rmdir: (at: string, done: (error: NodeJS.ErrnoException | null) => void) => (ours ? fs.rmdir(at, done) : done(null)),
    rmdirSync: (at: string) => (ours ? fs.rmdirSync(at) : undefined),
  };
  const release = await lock(dir, {
    realpath: false,
    fs: guarded,
    lockfilePath,
    stale: 10_000,
    // Up to ~45 s for another run to finish; a run of the whole Atlas spec writes for ~0.2 s.
    retries: { retries: 60, factor: 1.2, minTimeout: 20, maxTimeout: 1_000 },
    onCompromised: (error) => (lost = error),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ELOCKED") throw error;
    throw new OutputError(`another atlasgen run is still writing ${dir}; if none is, remove ${lockfilePath}`);
  });
  // Gone already: taken over at once (only a test is that quick); the checks below then fail.
  const owned = await identity(lockfilePath).catch(() => "gone");
  // The refresh timer may not have run (a stalled process): the lock folder says who holds it now.
  const check = async () => (ours &&= !lost && (await identity(lockfilePath).catch(() => "")) === owned);
  const stillOurs = async () => {
    if (!(await check())) throw new OutputError(`another atlasgen run took over the lock on ${dir} while this one stalled; ${dir} left to it`);
  };
  try {
    return await write(stillOurs);
  } finally {
    await check();
    await release().catch(() => undefined);
  }
}

/** Throws the `OutputError` `writeFiles` would: `--check` of a folder it could not write is a usage error too. */
export async function checkOutDir(outDir: string): Promise<void> {
  await resolveOutDir(outDir);
}

/** Replaces the output folder's generated files with `files`; returns what changed. */
export async function writeFiles(outDir: string, files: EmittedFile[]): Promise<Drift[]> {
  const all = withManifest(files);
  const outside = all.find((f) => !isInside(f.path));
  if (outside) throw new OutputError(`refusing to write ${JSON.stringify(outside.path)}: not a path inside the output folder`);
  // Up to date: nothing to write, no lock to take (a run writing it now writes the same or newer).
  if ((await findDrift(outDir, files)).length === 0) return [];
  // Also refuses, before waiting for the lock, a file or a folder holding the working directory.
  const { dir } = await resolveOutDir(outDir);
  return withLock(dir, async (stillOurs) => {
    await recoverInterrupted(dir);
    // Again: another run may have written the folder while this one waited.
    const drift = await findDrift(outDir, files);
    if (drift.length > 0) await replaceFolder(await resolveOutDir(outDir), all, drift, stillOurs);
    return drift;
  });
}

async function replaceFolder(out: { dir: string; exists: boolean }, all: EmittedFile[], drift: Drift[], stillOurs: () => Promise<void>): Promise<void> {
  await mkdir(path.dirname(out.dir), { recursive: true });
  // Beside the output folder, so the final renames stay on one file system. Made by mkdir, not
  // mkdtemp (whose folders are private), then given the old folder's permissions.
  const stage = path.join(path.dirname(out.dir), `${stagePrefix(out.dir)}${randomBytes(6).toString("hex")}`);
  await mkdir(stage);
  try {
    if (out.exists) await chmod(stage, (await stat(out.dir)).mode & 0o7777);
    await stageFolder(out, stage, all, new Set(drift.map((d) => d.path)));
    await swap(out, stage, stillOurs);
  } finally {
    await removeTree(stage);
  }
}
