/**
 * Content-hash caches. Two places, each for the step it makes unnecessary:
 *
 * - The lock file `.atlasgen-lock.json` in the output folder records a hash of the inputs (spec
 *   bytes, templates, generator version, spec and output paths) and of every generated file, so
 *   `--check` answers "up to date" by hashing files, without loading the pipeline. The lock does
 *   not name the generator's code (it would change with every edit of the generator); instead each
 *   generation leaves a marker, under the code's hash, that this code produced this lock.
 * - `node_modules/.cache/atlasgen/` keeps those markers and the parsed spec with its diagnostics,
 *   by the hash of the spec and of the generator's code: regenerating an unchanged spec
 *   (templates edited, output deleted) skips YAML parsing and validation, the two slowest steps.
 *   It also keeps the runtime as compiled for the `js+dts` target, by the hash of the templates and
 *   of the generator's code.
 *
 * This module loads nothing heavy: it is what `--check` runs first.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "./diagnostics.js";
import type { EmittedFile } from "./emit/index.js";
import { TARGETS, type Target } from "./emit/targets.js";
import { readTemplates } from "./emit/runtime-files.js";

export const LOCK = ".atlasgen-lock.json";
/** write.ts's manifest: the fast check also requires it to list exactly the locked files. */
const MANIFEST = ".atlasgen-manifest.json";

const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));
const CACHE_DIR = path.join(PACKAGE_ROOT, "node_modules", ".cache", "atlasgen");
/** Parsed specs kept; the oldest go first. */
const CACHE_ENTRIES = 4;

/**
 * A generated text as compared with the disk: a checkout with `core.autocrlf` (Windows) holds the
 * committed LF files with CRLF, and is still up to date.
 */
export const withLf = (text: string): string => (text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text);

export function sha256(...parts: (string | Buffer)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

async function packageVersion(): Promise<string> {
  const pkg = (await readJson(path.join(PACKAGE_ROOT, "package.json"))) as { version?: string } | undefined;
  return pkg?.version ?? "";
}

/** Installed versions of the libraries whose behaviour shapes the output or the diagnostics. */
async function libraryVersions(): Promise<string[]> {
  const versions = ["@redocly/openapi-core", "prettier", "typescript", "yaml"].map(async (name) => {
    const pkg = (await readJson(path.join(PACKAGE_ROOT, "node_modules", name, "package.json"))) as { version?: string } | undefined;
    return `${name}@${pkg?.version ?? ""}`;
  });
  return Promise.all(versions);
}

/**
 * Set by generator/bundle.ts to `sourceStamp()` of the sources it bundled: bin/atlasgen.js runs
 * the bundle only while the sources still hash to it, so it need not read them again (~20 ms).
 * Unset when running from the sources.
 */
declare const ATLASGEN_SOURCE_STAMP: string | undefined;

let fingerprint: Promise<string> | undefined;

/** The generator's own code and libraries, for what must not outlive a change to them. */
function generatorFingerprint(): Promise<string> {
  return (fingerprint ??= (async () => {
    const code = typeof ATLASGEN_SOURCE_STAMP === "string" ? ATLASGEN_SOURCE_STAMP : (await import("../bin/source-stamp.js")).sourceStamp();
    return sha256(await packageVersion(), ...(await libraryVersions()), code);
  })());
}

const lockMarker = async (lockText: string) => path.join(CACHE_DIR, "locks", await generatorFingerprint(), sha256(lockText));

export interface Inputs {
  specPath: string;
  outDir: string;
  target: Target;
  tsCheck?: boolean | undefined;
  /** `sha256(specText)`: a run hashes the 4 MB spec once (~10 ms), for this and the spec cache. */
  specHash: string;
}

/** Everything the output is made from, but the generator's code (see `upToDate`). */
export async function inputsHash({ specPath, outDir, target, tsCheck, specHash }: Inputs): Promise<string> {
  const templates = await readTemplates();
  // `--ts-check` only when given, so the hashes of folders generated without it stay as they were.
  const flags = tsCheck ? ["--ts-check"] : [];
  return sha256(await packageVersion(), specPath, outDir, target, ...flags, specHash, ...templates.flatMap((t) => [t.relative, t.text]));
}

/** How a folder was generated, said in the lock so that a `--check` with other flags can tell why everything differs. */
export interface Flags {
  target: Target;
  /** Written only when given, so the locks of folders generated without it stay as they were. */
  tsCheck?: true;
}

interface Lock extends Flags {
  inputs: string;
  files: Record<string, string>;
}

/** The lock file for `files`: inputs, flags and the hash of each file. */
export function lockFile(inputs: string, flags: Flags, files: EmittedFile[]): EmittedFile {
  const lock: Lock = { inputs, ...flags, files: Object.fromEntries(files.map((f) => [f.path, sha256(withLf(f.text))])) };
  return { path: LOCK, text: JSON.stringify(lock, null, 2) + "\n" };
}

/**
 * Marks `lock` as this generator's, which lets `--check` trust it: only once validation found no
 * error, or a check that failed would make the next one pass. The marker keeps the run's
 * warnings, for `--check` to print them again.
 */
export async function markLock(lock: EmittedFile, warnings: Diagnostic[]): Promise<void> {
  try {
    const marker = await lockMarker(lock.text);
    await mkdir(path.dirname(marker), { recursive: true });
    await writeFile(marker, JSON.stringify(warnings));
    await pruneOldest(path.join(CACHE_DIR, "locks"), (f) => f !== path.basename(path.dirname(marker)));
  } catch {
    // without the marker, --check just runs the pipeline
  }
}

/** Keeps the `CACHE_ENTRIES` newest entries of `dir` among those `removable` allows. */
async function pruneOldest(dir: string, removable: (name: string) => boolean): Promise<void> {
  const entries = (await readdir(dir)).filter(removable);
  if (entries.length <= CACHE_ENTRIES) return;
  const aged = await Promise.all(entries.map(async (f) => ({ f, mtime: (await stat(path.join(dir, f))).mtimeMs })));
  aged.sort((a, b) => a.mtime - b.mtime);
  await Promise.all(aged.slice(0, aged.length - CACHE_ENTRIES).map(({ f }) => rm(path.join(dir, f), { recursive: true, force: true })));
}

/** A located warning as markLock wrote it; anything else is a damaged marker. */
function isWarning(value: unknown): value is Diagnostic {
  const d = value as Partial<Diagnostic> | null;
  return typeof d === "object" && d !== null && d.severity === "warning" && typeof d.message === "string" && typeof d.pointer === "string";
}

/**
 * The warnings of the run that wrote `outDir` when it is what generating `specPath` would write:
 * this generator's code produced the lock on disk, the lock's inputs match, every locked file on
 * disk has its recorded hash, and the manifest lists exactly those files. Anything else
 * (including any doubt) is false, and the caller runs the pipeline.
 */
export async function upToDate(specText: string, specPath: string, outDir: string, target: Target = "ts", tsCheck = false): Promise<Diagnostic[] | false> {
  const lockText = await readFile(path.join(outDir, LOCK), "utf8").then(withLf, () => undefined);
  if (lockText === undefined) return false;
  const warnings = await readJson(await lockMarker(lockText));
  if (!Array.isArray(warnings) || !warnings.every(isWarning)) return false;
  const lock = JSON.parse(lockText) as Lock;
  if ((await inputsHash({ specPath, outDir, target, tsCheck, specHash: sha256(specText) })) !== lock.inputs) return false;
  const paths = Object.keys(lock.files);
  const manifest = await readFile(path.join(outDir, MANIFEST), "utf8").catch(() => "");
  if (withLf(manifest) !== JSON.stringify([LOCK, ...paths].sort(), null, 2) + "\n") return false;
  const hashes = await Promise.all(paths.map((p) => readFile(path.join(outDir, p), "utf8").then((text) => sha256(withLf(text)), () => "")));
  return hashes.every((hash, i) => hash === lock.files[paths[i]!]) && warnings;
}

/** The flags the output folder's lock file names, if it names a target. */
export async function lockedFlags(outDir: string): Promise<Flags | undefined> {
  const lock = (await readJson(path.join(outDir, LOCK))) as { target?: unknown; tsCheck?: unknown } | null | undefined;
  const target = TARGETS.find((t) => t === lock?.target);
  if (target === undefined) return undefined;
  return lock?.tsCheck === true ? { target, tsCheck: true } : { target };
}

/** What validation found, and the spec as data: the two things worth keeping between runs. */
export interface CheckedSpec {
  root: unknown;
  /** Located diagnostics (`file:line:col` ready). */
  diagnostics: Diagnostic[];
}

/** The spec cache's file for the spec whose text hashes to `specHash`, as read by this generator's code. */
export async function specCacheEntry(specHash: string): Promise<string> {
  return path.join(CACHE_DIR, `spec-${sha256(await generatorFingerprint(), specHash).slice(0, 32)}.json`);
}

/** The entry for the spec that hashes to `specHash`, if it holds that spec (its name could be copied over). */
export async function readCheckedSpec(entry: string, specHash: string): Promise<CheckedSpec | undefined> {
  const checked = (await readJson(entry)) as (CheckedSpec & { spec?: unknown }) | undefined;
  if (!checked || checked.spec !== specHash || typeof checked.root !== "object" || checked.root === null || !Array.isArray(checked.diagnostics)) return undefined;
  return { root: checked.root, diagnostics: checked.diagnostics };
}

/** Stops `specJson` at the first value JSON would not give back as it is. */
const NOT_JSON = new Error("not JSON data");

function isJsonValue(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The spec as JSON, made once to hand the spec to the validation worker and to keep it; nothing
 * when JSON would not give the same data back: non-finite numbers (`.inf`, `.nan`) and the
 * objects of explicit YAML tags (`!!timestamp` is a Date, `!!set` a Set, `!!binary` bytes), which
 * only specs parsed by `load.ts` hold.
 */
export function specJson(root: unknown): string | undefined {
  try {
    // `this[key]` is the value before `toJSON` (a Date would already be a string).
    return JSON.stringify(root, function (this: Record<string, unknown>, key, value: unknown) {
      if (!isJsonValue(this[key])) throw NOT_JSON;
      return value;
    });
  } catch (error) {
    if (error === NOT_JSON || error instanceof TypeError) return undefined;
    throw error;
  }
}

/** Writes `text` to the cache entry whole or not at all, then keeps the newest `name-*` entries. */
async function writeCacheEntry(entry: string, text: string, isEntry: (file: string) => boolean): Promise<void> {
  await mkdir(CACHE_DIR, { recursive: true });
  // Unique per writer: threads of one process, or containers sharing node_modules, share pids.
  const temporary = `${entry}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, entry);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await pruneOldest(CACHE_DIR, isEntry);
}

/** Best effort: a cache that cannot be written is no cache. `rootJson` is `specJson`'s. */
export async function writeCheckedSpec(entry: string, specHash: string, rootJson: string, diagnostics: Diagnostic[]): Promise<void> {
  const text = `{"spec":${JSON.stringify(specHash)},"root":${rootJson},"diagnostics":${JSON.stringify(diagnostics)}}`;
  try {
    await writeCacheEntry(entry, text, (f) => f.startsWith("spec-") && f.endsWith(".json"));
  } catch {
    // read-only node_modules, full disk: generation goes on without it
  }
}

/**
 * `compute()`'s value, kept as JSON under the hash of `parts` and of the generator's code (its
 * sources and libraries), for work that depends on nothing else: the runtime compiled for the
 * `js+dts` target. Best effort, like the spec cache: an entry that cannot be read, or is not what
 * `isValue` expects, is computed again.
 */
export async function cached<T>(name: string, parts: string[], compute: () => Promise<T>, isValue: (hit: unknown) => hit is T): Promise<T> {
  const entry = path.join(CACHE_DIR, `${name}-${sha256(await generatorFingerprint(), ...parts).slice(0, 32)}.json`);
  const hit = await readJson(entry);
  // An entry damaged into other JSON is computed again, as one that cannot be read is.
  if (isValue(hit)) return hit;
  const value = await compute();
  try {
    await writeCacheEntry(entry, JSON.stringify(value), (f) => f.startsWith(`${name}-`) && f.endsWith(".json"));
  } catch {
    // read-only node_modules, full disk: computed again next time
  }
  return value;
}
