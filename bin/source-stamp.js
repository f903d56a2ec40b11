// The hash of the generator's TypeScript sources and of the installed dependencies (the bundle
// holds Redocly's code): generator/bundle.ts records it next to the bundle and in it (the caches'
// fingerprint, generator/cache.ts), and bin/atlasgen.js runs the bundle only while they still
// hash to it.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const GENERATOR_DIR = fileURLToPath(new URL("../generator/", import.meta.url));
export const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/.cache/atlasgen/bundle/", import.meta.url));
// npm rewrites it on every install, upgrade or removal in this node_modules.
const INSTALLED = fileURLToPath(new URL("../node_modules/.package-lock.json", import.meta.url));

export function sourceStamp() {
  const hash = createHash("sha256");
  const files = readdirSync(GENERATOR_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort();
  for (const file of files) hash.update(file).update("\0").update(readFileSync(path.join(GENERATOR_DIR, file))).update("\0");
  try {
    hash.update(readFileSync(INSTALLED));
  } catch {
    // Not installed by npm: the sources alone.
  }
  return hash.digest("hex");
}
