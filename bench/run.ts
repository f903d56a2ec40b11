/**
 * `npm run bench`: atlasgen side by side with its peers, in one run. Every number is a median of
 * whole-process runs after a warm-up, the contenders interleaved; the table goes to stdout and
 * into bench/README.md. Targets are reported, never asserted.
 *
 * Needs the real Atlas spec at ../shared/atlas/ (or $ATLAS_SPEC_DIR); without it the full-spec
 * rows say "skipped". RUNS (default 5) sets the measured runs per row.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { bundleGenerator } from "../generator/bundle.js";
import { bundleSizes } from "./bundle-size.js";
import { HAS_GNU_TIME, interleaved, mib, ratio, run, secs, stats, type Sample, type Stats } from "./measure.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Math.max(5, Number(process.env.RUNS ?? 5));
const SPEC_DIR = path.resolve(ROOT, process.env.ATLAS_SPEC_DIR ?? "../shared/atlas");
const RAW = path.join(SPEC_DIR, "atlas-admin-v2.raw.yaml");
const WORK = path.join(ROOT, ".tmp/bench");
const SPEC_CACHE = path.join(ROOT, "node_modules/.cache/atlasgen");
const NODE = process.execPath;
const bin = (...p: string[]) => path.join(ROOT, "node_modules", ...p);

/** Parsed specs cached by content hash; "cold" runs start without them (the bundle stays). */
async function dropSpecCache(): Promise<void> {
  const entries = await readdir(SPEC_CACHE).catch(() => [] as string[]);
  await Promise.all(entries.filter((e) => e.startsWith("spec-")).map((e) => rm(path.join(SPEC_CACHE, e), { force: true })));
}

const fresh = async (dir: string) => rm(dir, { recursive: true, force: true });
const atlasgen = (spec: string, out: string, ...flags: string[]) => run(NODE, [path.join(ROOT, "bin/atlasgen.js"), "generate", "--spec", spec, "--out", out, ...flags], ROOT);

interface Row {
  metric: string;
  ours: string;
  peers: string;
  ratio: string;
  target: string;
  met: string;
}
const rows: Row[] = [];
const verdict = (ok: boolean) => (ok ? "yes" : "**no**");

async function tsconfigFor(dir: string, include: string[], skipLibCheck = true): Promise<string> {
  const file = path.join(dir, skipLibCheck ? "tsconfig.bench.json" : "tsconfig.errors.json");
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023", "DOM", "DOM.Iterable"],
    types: ["node"],
    typeRoots: [bin("@types")],
  };
  await writeFile(file, JSON.stringify({ compilerOptions, include }, null, 2));
  return file;
}

/** A copy of `dir` without its `@ts-nocheck` lines, so that tsc reports what they let it skip. */
async function checkedCopy(dir: string): Promise<string> {
  const copy = `${dir}-checked`;
  await fresh(copy);
  await cp(dir, copy, { recursive: true });
  for (const file of await readdir(copy, { recursive: true })) {
    if (!file.endsWith(".ts")) continue;
    const target = path.join(copy, file);
    await writeFile(target, (await readFile(target, "utf8")).replace(/^\/\/ @ts-nocheck\b.*\n/m, ""));
  }
  return copy;
}

async function fullSpec(): Promise<void> {
  if (!existsSync(RAW)) {
    rows.push({ metric: "full raw spec (540 operations)", ours: "skipped", peers: `spec not found at ${RAW}`, ratio: "", target: "", met: "skipped" });
    return;
  }
  const out = (name: string) => path.join(WORK, name);
  const contenders: Record<string, () => Promise<Sample>> = {
    "atlasgen cold": async () => (await fresh(out("atlasgen")), await dropSpecCache(), atlasgen(RAW, out("atlasgen"))),
    "atlasgen warm": async () => (await fresh(out("atlasgen-warm")), atlasgen(RAW, out("atlasgen-warm"))),
    "atlasgen js+dts cold": async () => (await fresh(out("atlasgen-js")), await dropSpecCache(), atlasgen(RAW, out("atlasgen-js"), "--target", "js+dts")),
    "openapi-typescript": async () => (await fresh(out("ot")), run(NODE, [bin("openapi-typescript/bin/cli.js"), RAW, "-o", path.join(out("ot"), "schema.ts")], ROOT)),
    "hey-api": async () => (await fresh(out("hey")), run(NODE, [bin("@hey-api/openapi-ts/bin/run.js"), "-i", RAW, "-o", out("hey"), "-c", "@hey-api/client-fetch", "-s"], ROOT)),
  };
  console.error(`full raw spec: ${Object.keys(contenders).join(", ")}; 1 warm-up + ${RUNS} runs each`);
  const s = Object.fromEntries(Object.entries(await interleaved(contenders, RUNS)).map(([k, v]) => [k, stats(v)])) as Record<string, Stats>;
  const [cold, warm, js, ot, hey] = [s["atlasgen cold"]!, s["atlasgen warm"]!, s["atlasgen js+dts cold"]!, s["openapi-typescript"]!, s["hey-api"]!];
  const failures = Object.entries(s).filter(([, v]) => v.failures > 0).map(([k, v]) => `${k}: ${v.failures} failed`);
  const peers = `openapi-typescript ${secs(ot.seconds)}, hey-api ${secs(hey.seconds)}`;
  rows.push(
    { metric: "full raw spec, wall time, cold (no cache)", ours: secs(cold.seconds), peers, ratio: `${ratio(cold.seconds, ot.seconds)} / ${ratio(cold.seconds, hey.seconds)}`, target: "≤ 0.7× / ≤ 0.2×", met: verdict(cold.seconds <= 0.7 * ot.seconds && cold.seconds <= 0.2 * hey.seconds) },
    { metric: "full raw spec, wall time, spec unchanged (parse + validation cached)", ours: secs(warm.seconds), peers, ratio: `${ratio(warm.seconds, ot.seconds)} / ${ratio(warm.seconds, hey.seconds)}`, target: "≤ 0.7× / ≤ 0.2×", met: verdict(warm.seconds <= 0.7 * ot.seconds && warm.seconds <= 0.2 * hey.seconds) },
    { metric: "full raw spec, `--target js+dts`, wall time, cold (runtime compiled at install, as `npm ci` does)", ours: secs(js.seconds), peers, ratio: `${ratio(js.seconds, ot.seconds)} / ${ratio(js.seconds, hey.seconds)}`, target: "≤ 0.7× / ≤ 0.2×", met: verdict(js.seconds <= 0.7 * ot.seconds && js.seconds <= 0.2 * hey.seconds) },
    { metric: "full raw spec, peak RSS, cold", ours: mib(cold.rssMiB), peers: `openapi-typescript ${mib(ot.rssMiB)}, hey-api ${mib(hey.rssMiB)}`, ratio: "", target: "≤ 200 MiB", met: verdict(cold.rssMiB <= 200) },
    { metric: "full raw spec, peak RSS, spec unchanged", ours: mib(warm.rssMiB), peers: "", ratio: "", target: "≤ 200 MiB", met: verdict(warm.rssMiB <= 200) },
    { metric: "full raw spec, `--target js+dts`, peak RSS, cold", ours: mib(js.rssMiB), peers: "", ratio: "", target: "≤ 200 MiB", met: verdict(js.rssMiB <= 200) },
  );
  if (failures.length > 0) rows.push({ metric: "failed runs", ours: failures.join("; "), peers: "", ratio: "", target: "", met: "" });

  // tsc --noEmit --strict on each output. The target is against openapi-typescript's output as
  // `schema.ts`; its README writes it to a `schema.d.ts`, which tsc (skipLibCheck) leaves
  // unchecked as it does ours (@ts-nocheck, or js+dts declarations): shown beside it.
  const tsc = bin("typescript/bin/tsc");
  await fresh(out("ot-dts"));
  await mkdir(out("ot-dts"), { recursive: true });
  await copyFile(path.join(out("ot"), "schema.ts"), path.join(out("ot-dts"), "schema.d.ts"));
  const configs = {
    atlasgen: await tsconfigFor(out("atlasgen"), ["**/*.ts"]),
    "atlasgen js+dts": await tsconfigFor(out("atlasgen-js"), ["**/*.ts"]),
    "openapi-typescript": await tsconfigFor(out("ot"), ["schema.ts"]),
    "openapi-typescript .d.ts": await tsconfigFor(out("ot-dts"), ["schema.d.ts"]),
    "hey-api": await tsconfigFor(out("hey"), ["**/*.ts"]),
  };
  // Errors in the declarations count too: skipLibCheck would hide them, as @ts-nocheck would ours.
  const { "openapi-typescript .d.ts": _unchecked, ...checkedConfigs } = configs;
  const errorConfigs = {
    ...checkedConfigs,
    atlasgen: await tsconfigFor(await checkedCopy(out("atlasgen")), ["**/*.ts"]),
    "atlasgen js+dts": await tsconfigFor(out("atlasgen-js"), ["**/*.ts"], false),
  };
  const errors = Object.fromEntries(
    Object.entries(errorConfigs).map(([name, config]) => {
      let text = "";
      try {
        execFileSync(NODE, [tsc, "-p", config], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
      } catch (error) {
        text = String((error as { stdout?: string }).stdout ?? "");
      }
      return [name, (text.match(/error TS\d+/g) ?? []).length];
    }),
  );
  console.error("tsc --noEmit --strict on each output");
  const tscRuns = await interleaved(Object.fromEntries(Object.entries(configs).map(([name, config]) => [name, () => run(NODE, [tsc, "-p", config], ROOT)])), RUNS);
  const t = Object.fromEntries(Object.entries(tscRuns).map(([k, v]) => [k, stats(v)])) as Record<string, Stats>;
  const [tsA, tsJ, tsO, tsOd, tsH] = [t.atlasgen!, t["atlasgen js+dts"]!, t["openapi-typescript"]!, t["openapi-typescript .d.ts"]!, t["hey-api"]!];
  rows.push({
    metric: "tsc --noEmit --strict on the output (its files `@ts-nocheck`; errors counted through it)",
    ours: `${secs(tsA.seconds)} (${errors.atlasgen} errors)`,
    peers: `openapi-typescript ${secs(tsO.seconds)} (${errors["openapi-typescript"]} errors), the same as \`schema.d.ts\` ${secs(tsOd.seconds)}, hey-api ${secs(tsH.seconds)} (${errors["hey-api"]} errors)`,
    ratio: `${ratio(tsA.seconds, tsO.seconds)} (${ratio(tsA.seconds, tsOd.seconds)} vs \`.d.ts\`) / ${ratio(tsA.seconds, tsH.seconds)}`,
    target: "≤ 1× openapi-typescript's",
    met: verdict(tsA.seconds <= tsO.seconds),
  });
  rows.push({
    metric: "tsc --noEmit --strict on the `--target js+dts` output (its .d.ts read with skipLibCheck, as by a project; errors counted without)",
    ours: `${secs(tsJ.seconds)} (${errors["atlasgen js+dts"]} errors)`,
    peers: `openapi-typescript ${secs(tsO.seconds)}, the same as \`schema.d.ts\` ${secs(tsOd.seconds)}, hey-api ${secs(tsH.seconds)}`,
    ratio: `${ratio(tsJ.seconds, tsO.seconds)} (${ratio(tsJ.seconds, tsOd.seconds)} vs \`.d.ts\`) / ${ratio(tsJ.seconds, tsH.seconds)}`,
    target: "≤ 1× openapi-typescript's",
    met: verdict(tsJ.seconds <= tsO.seconds),
  });
}

async function twoEndpoints(): Promise<void> {
  const spec = "spec/atlas-admin-v2.yaml";
  const out = path.join(WORK, "two");
  const checked = path.join(WORK, "two-checked");
  await fresh(checked);
  await atlasgen(spec, checked);
  console.error("two-endpoint spec: cold generate, generate with the spec cached, --check when up to date");
  const samples = await interleaved(
    {
      cold: async () => (await fresh(out), await dropSpecCache(), atlasgen(spec, out)),
      cached: async () => (await fresh(out), atlasgen(spec, out)),
      check: () => atlasgen(spec, checked, "--check"),
    },
    RUNS,
  );
  const [cold, cached, check] = [stats(samples.cold!), stats(samples.cached!), stats(samples.check!)];
  rows.push(
    { metric: "two-endpoint spec, cold generate (no output, no cache)", ours: secs(cold.seconds), peers: "", ratio: "", target: "≤ 0.6 s", met: verdict(cold.seconds <= 0.6) },
    { metric: "two-endpoint spec, generate, spec cached (no output)", ours: secs(cached.seconds), peers: "", ratio: "", target: "≤ 0.6 s", met: verdict(cached.seconds <= 0.6) },
    { metric: "two-endpoint spec, `generate --check` when up to date", ours: secs(check.seconds), peers: "", ratio: "", target: "≤ 0.25 s", met: verdict(check.seconds <= 0.25 && check.failures === 0) },
  );
}

async function runtime(): Promise<void> {
  console.error("per-call overhead with a stub fetch; bundle size");
  // Both clients as an application ships them: bundled (no tsx, no keepNames), packages as installed.
  const script = path.join(WORK, "per-call.mjs");
  await build({ entryPoints: [path.join(ROOT, "bench/per-call.ts")], outfile: script, bundle: true, format: "esm", platform: "node", packages: "external", logLevel: "silent" });
  const perCall = JSON.parse(execFileSync(NODE, [script], { cwd: ROOT, encoding: "utf8" })) as Record<string, number>;
  const [ours, peer] = [perCall.atlasgen!, perCall["openapi-fetch"]!];
  rows.push({
    metric: "client-side overhead per call (stub fetch)",
    ours: `${ours.toFixed(1)} µs`,
    peers: `openapi-fetch ${peer.toFixed(1)} µs`,
    ratio: ratio(ours, peer),
    target: "≤ openapi-fetch's",
    met: verdict(ours <= peer),
  });
  const { withoutDigest, withDigest, openapiFetch, heyApi } = await bundleSizes(ROOT);
  const kb = (b: number) => `${(b / 1024).toFixed(2)} KB`;
  rows.push(
    {
      metric: "two-endpoint client, min+gzip, without Digest (peers: the same two calls, bearer token)",
      ours: kb(withoutDigest),
      peers: `openapi-fetch ${kb(openapiFetch)}, hey-api ${kb(heyApi)}`,
      ratio: `${ratio(withoutDigest, openapiFetch)} / ${ratio(withoutDigest, heyApi)}`,
      target: "≤ 3 KB",
      met: verdict(withoutDigest <= 3 * 1024),
    },
    { metric: "two-endpoint client, min+gzip, with Digest (loaded on use)", ours: kb(withDigest), peers: "", ratio: "", target: "", met: "" },
  );
}

function table(): string {
  const head = "| measurement | atlasgen | peers | ratio (vs openapi-typescript / hey-api) | target | met |\n|---|---|---|---|---|---|";
  return [head, ...rows.map((r) => `| ${r.metric} | ${r.ours} | ${r.peers} | ${r.ratio} | ${r.target} | ${r.met} |`)].join("\n");
}

function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
  return `${cpus.length} × ${cpus[0]?.model.trim() ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average at the end ${load}`;
}

async function main(): Promise<void> {
  await mkdir(WORK, { recursive: true });
  // Measure the CLI as installed: from its bundle (a stale one would silently run the sources).
  await bundleGenerator();
  const started = new Date();
  const loadBefore = os.loadavg()[0]!.toFixed(2);
  await twoEndpoints();
  await runtime();
  await fullSpec();
  const header = `Measured ${started.toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine()} (load average at the start ${loadBefore}); medians of ${RUNS} whole-process runs after a warm-up, contenders interleaved${HAS_GNU_TIME ? "; peak RSS from /usr/bin/time" : "; peak RSS unavailable (no /usr/bin/time)"}.`;
  const result = `${header}\n\n${table()}\n`;
  console.log(result);
  const readme = path.join(ROOT, "bench/README.md");
  const text = await readFile(readme, "utf8");
  const [start, end] = ["<!-- results:start -->", "<!-- results:end -->"];
  if (text.includes(start) && text.includes(end)) {
    await writeFile(readme, text.slice(0, text.indexOf(start) + start.length) + `\n${result}` + text.slice(text.indexOf(end)));
  }
}

await main();
