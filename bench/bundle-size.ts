/**
 * Size of the two-endpoint client in an application, minified and gzipped (esbuild, ESM, code
 * splitting): what a bearer-only app loads, and that plus what Digest loads when first used. The
 * peers make the same two calls with a bearer token: openapi-fetch, and the fetch client and SDK
 * @hey-api/openapi-ts generates from the same spec.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

/** Temporary folders this measurement made, removed when it is done. */
const made: string[] = [];
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

/** Outputs loaded with `start`: it and its static imports. */
function closure(metafile: Metafile, start: string, into = new Set<string>()): Set<string> {
  if (into.has(start)) return into;
  into.add(start);
  for (const i of metafile.outputs[start]?.imports ?? []) if (i.kind === "import-statement" && !i.external) closure(metafile, i.path, into);
  return into;
}

/** Bundles `source` as an app's entry; returns its outputs and a min+gzip sizer for a set of them. */
async function bundle(root: string, source: string) {
  const dir = await tempDir("atlasgen-bench-bundle-");
  const entry = path.join(dir, "app.ts");
  await writeFile(entry, source);
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
    // The entry lives in a temporary folder: packages resolve from the project.
    nodePaths: [path.join(root, "node_modules")],
    logLevel: "silent",
  });
  const gz = async (files: Set<string>) => {
    let total = 0;
    for (const f of files) total += gzipSync(await readFile(path.join(root, f)), { level: 9 }).length;
    return total;
  };
  const outputs = Object.entries(metafile.outputs);
  const app = outputs.find(([, o]) => o.entryPoint)?.[0] ?? "";
  return { metafile, outputs, app, gz };
}

/** hey-api's client for the two-endpoint spec, generated into a temporary folder. */
async function heyApiClient(root: string): Promise<string> {
  const out = await tempDir("atlasgen-bench-hey-");
  const cli = path.join(root, "node_modules/@hey-api/openapi-ts/bin/run.js");
  execFileSync(process.execPath, [cli, "-i", path.join(root, "spec/atlas-admin-v2.yaml"), "-o", out, "-c", "@hey-api/client-fetch", "-s"], { cwd: root, stdio: "ignore" });
  return out;
}

export async function bundleSizes(root: string): Promise<{ withoutDigest: number; withDigest: number; openapiFetch: number; heyApi: number }> {
  const generated = JSON.stringify(path.join(root, "generated/index.ts"));
  const ours = await bundle(
    root,
    `import { createClient, deleteOrgInvite, removeOrgTeamUserFromTeam } from ${generated};\n` +
      `const client = createClient({ auth: { type: "bearer", token: "t" } });\n` +
      `console.log(await deleteOrgInvite(client, { orgId: "a", invitationId: "b" }), await removeOrgTeamUserFromTeam(client, { orgId: "a", teamId: "b", userId: "c" }));\n`,
  );
  const digest = ours.outputs.find(([, o]) => Object.keys(o.inputs).some((i) => i.endsWith("runtime/auth/digest.ts")))?.[0] ?? "";
  const base = closure(ours.metafile, ours.app);
  // The same two calls; openapi-fetch's types come from an openapi-typescript schema, which adds no code.
  const peer = await bundle(
    root,
    `import createClient from "openapi-fetch";\n` +
      `const client = createClient({ baseUrl: "https://cloud.mongodb.com", headers: { Authorization: "Bearer t", Accept: "application/vnd.atlas.2023-01-01+json" } });\n` +
      `console.log(await client.DELETE("/api/atlas/v2/orgs/{orgId}/invites/{invitationId}", { params: { path: { orgId: "a", invitationId: "b" } } }), ` +
      `await client.DELETE("/api/atlas/v2/orgs/{orgId}/teams/{teamId}/users/{userId}", { params: { path: { orgId: "a", teamId: "b", userId: "c" } } }));\n`,
  );
  const hey = await heyApiClient(root);
  const heyApp = await bundle(
    root,
    `import { client } from ${JSON.stringify(path.join(hey, "client.gen.ts"))};\n` +
      `import { deleteOrgInvite, removeOrgTeamUserFromTeam } from ${JSON.stringify(path.join(hey, "sdk.gen.ts"))};\n` +
      `client.setConfig({ auth: "t", headers: { Accept: "application/vnd.atlas.2023-01-01+json" } });\n` +
      `console.log(await deleteOrgInvite({ path: { orgId: "a", invitationId: "b" } }), await removeOrgTeamUserFromTeam({ path: { orgId: "a", teamId: "b", userId: "c" } }));\n`,
  );
  const sizes = {
    withoutDigest: await ours.gz(base),
    withDigest: await ours.gz(closure(ours.metafile, digest, new Set(base))),
    openapiFetch: await peer.gz(closure(peer.metafile, peer.app)),
    heyApi: await heyApp.gz(closure(heyApp.metafile, heyApp.app)),
  };
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  return sizes;
}
