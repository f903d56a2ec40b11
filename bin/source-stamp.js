// The hash of the generator's TypeScript sources: generator/bundle.ts records it next to the bundle,
// and bin/atlasgen.js runs the bundle only while the sources still hash to it.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const GENERATOR_DIR = fileURLToPath(new URL("../generator/", import.meta.url));
export const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/.cache/atlasgen/bundle/", import.meta.url));

export function sourceStamp() {
  const hash = createHash("sha256");
  const files = readdirSync(GENERATOR_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .sort();
  for (const file of files) hash.update(file).update("\0").update(readFileSync(path.join(GENERATOR_DIR, file))).update("\0");
  return hash.digest("hex");
}
