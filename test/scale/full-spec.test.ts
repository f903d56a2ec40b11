/**
 * The whole Atlas Admin API, both specs: a client for every operation that type-checks under
 * strict and is exactly what prettier would write. Each spec is generated once (≈10 s on 2 cores,
 * most of it type-checking and re-formatting 4 MB to compare).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { prettierDrift } from "../../generator/format.js";
import type { Target } from "../../generator/emit/targets.js";
import { generate, type Generated } from "../../generator/index.js";
import { STRICT, typeErrors } from "../helpers/typecheck.js";
import { ATLAS_SPECS } from "./atlas-specs.js";

/** The client of `file` for `target`, generated in memory and written to a fresh folder under .tmp/. */
async function generateInto(file: string, target: Target): Promise<{ generated: Generated; outDir: string }> {
  await mkdir(".tmp", { recursive: true });
  const outDir = await mkdtemp(path.resolve(".tmp/full-spec-"));
  const generated = await generate({ specPath: path.relative(process.cwd(), file), outDir: path.relative(process.cwd(), outDir), target });
  for (const f of generated.files) {
    await mkdir(path.dirname(path.join(outDir, f.path)), { recursive: true });
    await writeFile(path.join(outDir, f.path), f.text);
  }
  return { generated, outDir };
}

describe.each(ATLAS_SPECS)("the $name Atlas spec", ({ file, operations, bodies, present }) => {
  let generated: Generated;
  let outDir: string;
  beforeAll(async () => {
    if (present) ({ generated, outDir } = await generateInto(file, "ts"));
  }, 240_000);
  afterAll(() => outDir && rm(outDir, { recursive: true, force: true }));

  test.skipIf(!present)("every operation gets a function, a validator and a spec", async () => {
    expect(generated.model.operations).toHaveLength(operations);
    const code = generated.files.filter((f) => !f.path.startsWith("runtime/") && f.path.endsWith(".ts")).map((f) => f.text).join("\n");
    for (const op of generated.model.operations) {
      expect(code).toContain(`export function ${op.identifier}${op.variants.length > 1 || op.formats ? "<" : "("}`);
      expect(code).toContain(`export const ${op.identifier}Spec: OperationSpec = {`);
    }
    const index = await readFile(path.join(outDir, "index.ts"), "utf8");
    expect(index).toContain('export { createClient } from "./runtime/client.js";');
  });

  test.skipIf(!present)("nothing is left unsupported: request bodies are parameters, 2xx JSON responses are typed", () => {
    expect(generated.warnings.filter((w) => /not supported|ignored|accepts only/.test(w.message))).toEqual([]);
    expect(generated.model.operations.filter((op) => op.body)).toHaveLength(bodies);
    for (const op of generated.model.operations) {
      if (op.body) expect(op.variants.every((v) => v.body !== undefined), op.id).toBe(true);
      for (const { data } of op.variants) for (const d of data) expect(d.type, `${op.id} ${d.status}`).not.toEqual({ kind: "keyword", name: "unknown" });
    }
  });

  test.skipIf(!present)("a success offered in several media types of one version can be asked for in each (options.format)", async () => {
    // Independently of the model: operations where a 2xx response has two media types of one version.
    const root = load(await readFile(file, "utf8")) as { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: object }> }>> };
    const expected = Object.values(root.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => {
        const several = Object.entries(op.responses ?? {}).some(([status, r]) => {
          const versions = Object.keys(r.content ?? {}).map((m) => m.replace(/\+[^+]*$/, ""));
          return status.startsWith("2") && new Set(versions).size < versions.length;
        });
        return several ? [String(op.operationId)] : [];
      }),
    );
    expect(expected.length).toBeGreaterThan(0);
    const withFormats = generated.model.operations.filter((op) => op.formats);
    expect(withFormats.map((op) => op.id).sort()).toEqual(expected.sort());
    for (const op of withFormats) expect(op.formats?.map((f) => `${f.name}:${f.bodyKind}`), op.id).toEqual(["json:json", "csv:text"]);
  });

  test.skipIf(!present)(
    "type-checks under strict (plus exactOptionalPropertyTypes, noUncheckedIndexedAccess)",
    () => {
      const files = generated.files.filter((f) => f.path.endsWith(".ts")).map((f) => path.join(outDir, f.path));
      expect(typeErrors(files, STRICT)).toEqual([]);
    },
    240_000,
  );

  test.skipIf(!present)(
    "is exactly what prettier writes (the generator never runs it)",
    async () => {
      expect(await prettierDrift(generated.files.filter((f) => f.path.endsWith(".ts") && !f.path.startsWith("runtime/")))).toEqual([]);
    },
    240_000,
  );
});

describe.each(ATLAS_SPECS.filter((s) => s.name === "raw"))("the $name Atlas spec as --target js+dts", ({ file, operations, present }) => {
  let generated: Generated;
  let outDir: string;
  beforeAll(async () => {
    if (present) ({ generated, outDir } = await generateInto(file, "js+dts"));
  }, 240_000);
  afterAll(() => outDir && rm(outDir, { recursive: true, force: true }));

  test.skipIf(!present)(
    "the declarations type-check under strict with skipLibCheck off",
    () => {
      const declarations = generated.files.filter((f) => f.path.endsWith(".d.ts")).map((f) => path.join(outDir, f.path));
      expect(generated.files.filter((f) => f.path.endsWith(".ts") && !f.path.endsWith(".d.ts"))).toEqual([]);
      expect(typeErrors(declarations, { ...STRICT, skipLibCheck: false })).toEqual([]);
    },
    240_000,
  );

  test.skipIf(!present)("the JavaScript loads and exports a function and a spec per operation", async () => {
    const client = (await import(pathToFileURL(path.join(outDir, "index.js")).href)) as Record<string, unknown>;
    expect(generated.model.operations).toHaveLength(operations);
    for (const op of generated.model.operations) {
      expect(typeof client[op.identifier], op.id).toBe("function");
      expect(client[`${op.identifier}Spec`], op.id).toMatchObject({ id: op.id, method: op.method, path: op.path });
    }
  });
});
