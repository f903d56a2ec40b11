/**
 * Size of the two-endpoint client in an application, minified and gzipped (esbuild, ESM, code
 * splitting): what a bearer-only app loads, and that plus what Digest loads when first used.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

/** Outputs loaded with `start`: it and its static imports. */
function closure(metafile: Metafile, start: string, into = new Set<string>()): Set<string> {
  if (into.has(start)) return into;
  into.add(start);
  for (const i of metafile.outputs[start]?.imports ?? []) if (i.kind === "import-statement" && !i.external) closure(metafile, i.path, into);
  return into;
}

export async function bundleSizes(root: string): Promise<{ withoutDigest: number; withDigest: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), "atlasgen-bench-bundle-"));
  const entry = path.join(dir, "app.ts");
  const generated = JSON.stringify(path.join(root, "generated/index.ts"));
  await writeFile(
    entry,
    `import { createClient, deleteOrgInvite, removeOrgTeamUserFromTeam } from ${generated};\n` +
      `const client = createClient({ auth: { type: "bearer", token: "t" } });\n` +
      `console.log(await deleteOrgInvite(client, { orgId: "a", invitationId: "b" }), await removeOrgTeamUserFromTeam(client, { orgId: "a", teamId: "b", userId: "c" }));\n`,
  );
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    minify: true,
    outdir: path.join(dir, "out"),
    metafile: true,
    absWorkingDir: root,
    logLevel: "silent",
  });
  const gz = async (files: Set<string>) => {
    let total = 0;
    for (const f of files) total += gzipSync(await readFile(path.join(root, f)), { level: 9 }).length;
    return total;
  };
  const outputs = Object.entries(metafile.outputs);
  const app = outputs.find(([, o]) => o.entryPoint)?.[0] ?? "";
  const digest = outputs.find(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith("runtime/auth/digest.ts")))?.[0] ?? "";
  const base = closure(metafile, app);
  return { withoutDigest: await gz(base), withDigest: await gz(closure(metafile, digest, new Set(base))) };
}
