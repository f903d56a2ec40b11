/**
 * Builds the generator into one ESM entry plus lazily loaded chunks with esbuild (`npm run build`,
 * run by `prepare` at `npm ci`), so the CLI starts without tsx compiling TypeScript on the fly.
 * The emitters use nothing of ts-morph at run time but its two structure enums: those are inlined
 * from ts-morph itself here, and ts-morph (with the TypeScript compiler it bundles, ~0.35 s and
 * ~70 MB to load) stays out; any other run-time use of it fails this build.
 *
 * bin/atlasgen.js runs the bundle only while the sources hash to the stamp written beside it.
 *
 * Run as a script (`npm run build`, `prepare`), it also compiles the runtime of the `js+dts`
 * target into the cache, so that a first `--target js+dts` run does not pay for it.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import { BUNDLE_DIR, GENERATOR_DIR, sourceStamp } from "../bin/source-stamp.js";

/** `import … from "ts-morph"` → the two enums, with ts-morph's own values. */
const tsMorphEnums: Plugin = {
  name: "ts-morph-enums",
  setup(b) {
    b.onResolve({ filter: /^ts-morph$/ }, () => ({ path: "ts-morph", namespace: "ts-morph-enums" }));
    b.onLoad({ filter: /.*/, namespace: "ts-morph-enums" }, () => ({
      contents: `export const StructureKind = ${JSON.stringify(StructureKind)};\nexport const VariableDeclarationKind = ${JSON.stringify(VariableDeclarationKind)};\n`,
      loader: "js",
    }));
  },
};

/**
 * Whether `file` belongs to a dependency rather than to the package at `packageRoot`: judged by
 * the path relative to the package, since atlasgen itself may be installed in a node_modules folder.
 */
export function isDependency(packageRoot: string, file: string, paths: path.PlatformPath = path): boolean {
  const relative = paths.relative(packageRoot, file);
  // Absolute: on another drive (Windows), so outside the package.
  return paths.isAbsolute(relative) || /^(\.\.|node_modules)([\\/]|$)/.test(relative);
}

/**
 * Redocly (~200 CommonJS modules, with its dependencies) is bundled into the worker: resolving and
 * reading them one by one was most of the worker's start, the critical path of a small spec
 * (two-endpoint cold generate ~0.60 → ~0.47 s). Other packages stay external.
 *
 * Its proxy agent, used only by its registry client (lint.ts never calls the registry), is left
 * out: loading it compiled Node's http, https, net and tls modules in the worker (~40 ms).
 */
const bundleRedocly: Plugin = {
  name: "bundle-redocly",
  setup(b) {
    b.onResolve({ filter: /^https-proxy-agent$/ }, () => ({ path: "https-proxy-agent", namespace: "left-out" }));
    b.onLoad({ filter: /.*/, namespace: "left-out" }, () => ({
      contents: 'export class HttpsProxyAgent { constructor() { throw new Error("atlasgen does not call the Redocly registry"); } }',
      loader: "js",
    }));
    const packageRoot = path.dirname(GENERATOR_DIR);
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:") || args.kind === "entry-point") return undefined;
      const redocly = args.path.startsWith("@redocly/") || isDependency(packageRoot, args.importer);
      return redocly ? undefined : { path: args.path, external: true };
    });
  },
};

/** `to` as a URL path relative to `fromDir`: what stays true when the package is copied or moved. */
const relativeUrl = (fromDir: string, to: string) => path.relative(fromDir, to).split(path.sep).join("/");

/**
 * Each module of the package (its `.ts` and its own `.js`, such as bin/source-stamp.js) keeps its
 * own `import.meta.url`, so paths relative to it (templates/, package.json) hold. It is found
 * from the package's place at run time, not written in: a checkout copied with its node_modules
 * must read its own templates. bin/atlasgen.js says where the package is, since Node names the
 * bundle by its real path, in another folder when node_modules is a symlink; without it (the
 * worker thread), from the bundle's place (every output file is in `outDir`).
 */
const ownImportMetaUrl = (outDir: string): Plugin => ({
  name: "own-import-meta-url",
  setup(b) {
    const packageRoot = path.dirname(GENERATOR_DIR);
    const fromBundle = `new URL(${JSON.stringify(`${relativeUrl(outDir, packageRoot)}/`)}, import.meta.url)`;
    b.onLoad({ filter: /\.[jt]s$/ }, async (args) => {
      if (isDependency(packageRoot, args.path)) return undefined;
      const url = `new URL(${JSON.stringify(relativeUrl(packageRoot, args.path))}, globalThis.ATLASGEN_PACKAGE_URL ?? ${fromBundle}).href`;
      return {
        contents: (await readFile(args.path, "utf8")).replaceAll("import.meta.url", url),
        loader: args.path.endsWith(".ts") ? "ts" : "js",
      };
    });
  },
});

export async function bundleGenerator(): Promise<void> {
  const stamp = sourceStamp();
  await rm(BUNDLE_DIR, { recursive: true, force: true });
  await mkdir(BUNDLE_DIR, { recursive: true });
  await build({
    entryPoints: [path.join(GENERATOR_DIR, "cli.ts"), path.join(GENERATOR_DIR, "validate-worker.ts")],
    outdir: BUNDLE_DIR,
    // Entries and chunks side by side: one relative path from each to a source (ownImportMetaUrl).
    entryNames: "[name]",
    chunkNames: "[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    plugins: [tsMorphEnums, bundleRedocly, ownImportMetaUrl(BUNDLE_DIR)],
    // CommonJS modules bundled into ESM still `require` Node's built-ins.
    banner: { js: 'import { createRequire as __atlasgenRequire } from "node:module"; const require = __atlasgenRequire(import.meta.url);' },
    // The worker thread runs its bundled entry (validate-worker.ts starts it from the sources
    // otherwise), found relative to validate-worker.ts, as its import.meta.url is.
    define: {
      ATLASGEN_VALIDATE_WORKER: JSON.stringify(relativeUrl(GENERATOR_DIR, path.join(BUNDLE_DIR, "validate-worker.mjs"))),
      ATLASGEN_SOURCE_STAMP: JSON.stringify(stamp),
    },
    logLevel: "warning",
  });
  // Written last: a failed build leaves no stamp, and bin/atlasgen.js keeps using the sources.
  await writeFile(path.join(BUNDLE_DIR, "stamp"), stamp);
}

/**
 * The runtime as the `js+dts` target writes it, compiled into the cache now: compiling takes
 * TypeScript and prettier ~2 s to load, more than generating a small client.
 */
async function compileRuntime(): Promise<void> {
  const [{ compiledTemplates }, { readTemplates }] = await Promise.all([import("./emit/compile-runtime.js"), import("./emit/runtime-files.js")]);
  await compiledTemplates(await readTemplates());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // Run by `prepare` at `npm ci`: neither can fail the install, they only make the first run slower.
  await bundleGenerator().catch((error: unknown) => {
    console.warn(`atlasgen: generator bundle not built, the CLI runs from its sources: ${(error as Error).message}`);
  });
  await compileRuntime().catch((error: unknown) => {
    console.warn(`atlasgen: runtime for --target js+dts not compiled ahead: ${(error as Error).message}`);
  });
}
