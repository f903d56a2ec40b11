/**
 * The real Atlas Admin API specs, found at `../shared/atlas/` beside the repository or in
 * `$ATLAS_SPEC_DIR`; never copied into it. Tests that need them are skipped (visibly) without them.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const ATLAS_SPEC_DIR = path.resolve(process.env.ATLAS_SPEC_DIR ?? "../shared/atlas");

export const ATLAS_SPECS = [
  { name: "raw", file: path.join(ATLAS_SPEC_DIR, "atlas-admin-v2.raw.yaml"), operations: 540, bodies: 178 },
  { name: "transformed", file: path.join(ATLAS_SPEC_DIR, "atlas-admin-v2.transformed.yaml"), operations: 514, bodies: 170 },
].map((spec) => ({ ...spec, present: existsSync(spec.file) }));
