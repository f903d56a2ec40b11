#!/usr/bin/env node
// Runs the generator from its bundle (built at `npm ci` by generator/bundle.ts) while the bundle
// matches the sources, else from the TypeScript sources through tsx: an edit is never run stale.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { BUNDLE_DIR, sourceStamp } from "./source-stamp.js";

function bundleIsCurrent() {
  try {
    return readFileSync(`${BUNDLE_DIR}stamp`, "utf8") === sourceStamp();
  } catch {
    return false;
  }
}

let main;
if (bundleIsCurrent()) {
  ({ main } = await import(pathToFileURL(`${BUNDLE_DIR}cli.mjs`).href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../generator/cli.ts"));
}
process.exitCode = await main(process.argv.slice(2));
