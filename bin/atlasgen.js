#!/usr/bin/env node
// Runs the generator from its bundle (built at `npm ci` by generator/bundle.ts) while the bundle
// matches the sources, else from the TypeScript sources through tsx: an edit is never run stale.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import { BUNDLE_DIR, sourceStamp } from "./source-stamp.js";

// A generation is a few seconds of a lot of distinct code (YAML, Redocly, the printer): with V8's
// default budget most of it is recompiled optimized on background threads, work a run this short
// never earns back. A larger budget optimizes only the hottest code; on the Atlas spec it cut the
// process's CPU time by ~20% (bench/README.md).
v8.setFlagsFromString("--interrupt-budget=1000000");

function bundleIsCurrent() {
  try {
    return readFileSync(`${BUNDLE_DIR}stamp`, "utf8") === sourceStamp();
  } catch {
    return false;
  }
}

let main;
if (bundleIsCurrent()) {
  // The bundle finds templates/ and package.json from here (generator/bundle.ts).
  globalThis.ATLASGEN_PACKAGE_URL = new URL("../", import.meta.url).href;
  ({ main } = await import(pathToFileURL(`${BUNDLE_DIR}cli.mjs`).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../generator/cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
