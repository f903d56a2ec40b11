/**
 * The Digest scheme (and node:crypto) is loaded lazily: an application bundle that does not use
 * Digest must not carry it in its entry chunk.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { expect, test } from "vitest";

async function bundle(source: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-bundle-"));
  const entry = path.join(dir, "app.ts");
  await writeFile(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    minify: true,
    outdir: path.join(dir, "out"),
    metafile: true,
    nodePaths: [path.resolve("node_modules")],
    logLevel: "silent",
  });
  const entryOut = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint)?.[0] ?? "";
  return { entry: await readFile(entryOut, "utf8"), chunks: Object.keys(result.metafile.outputs).length };
}

test("the entry chunk of a bearer-only app has no Digest code and no node:crypto", async () => {
  const generated = path.resolve("generated/index.ts");
  const { entry, chunks } = await bundle(
    `import { createClient, deleteOrgInvite } from ${JSON.stringify(generated)};\n` +
      `console.log(await deleteOrgInvite(createClient({ auth: { type: "bearer", token: "t" } }), { orgId: "a", invitationId: "b" }));\n`,
  );
  expect(entry).toContain("application/vnd.atlas.2023-01-01+json");
  expect(entry).not.toContain("node:crypto");
  expect(entry).not.toMatch(/createHash|qop=auth/);
  // Digest and service-account schemes went to chunks of their own, loaded on use.
  expect(chunks).toBeGreaterThanOrEqual(3);
}, 60_000);

test("an app that calls no operation carries none of the client's guards and pattern validators", async () => {
  const generated = path.resolve("generated/index.ts");
  const { entry } = await bundle(`import { createClient } from ${JSON.stringify(generated)};\nconsole.log(createClient());\n`);
  expect(entry).toContain("createClient: ");
  // The guard of ApiError and the validator of 24-hex ids are top-level calls marked pure.
  expect(entry).not.toContain("errorCode");
  expect(entry).not.toContain("[a-f0-9]{24}");
}, 60_000);
