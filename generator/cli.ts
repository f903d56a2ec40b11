/**
 * `atlasgen` command line: flags in, files out. Exit 0 ok, 1 stale output (`--check`), 2 bad spec,
 * unusable output folder or usage, 3 a bug in atlasgen.
 */
import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { TARGETS, type Target } from "./emit/targets.js";
import type { RunOptions } from "./run.js";
import { Terminal, type Io } from "./terminal.js";

export const USAGE = `Usage: atlasgen generate [--spec FILE] [--out DIR] [--target ts|js+dts] [--ts-check] [--check | --watch] [--quiet]
       atlasgen --help | --version

  --spec FILE   OpenAPI 3.0/3.1 spec, YAML or JSON (default spec/atlas-admin-v2.yaml)
  --out DIR     output folder, replaced as a whole (default generated)
  --target T    ts: TypeScript (default); js+dts: JavaScript with declarations, which a
                project's tsc reads without checking (faster type-checking of large APIs)
  --ts-check    ts target: no @ts-nocheck, so your project's tsc checks the generated code
                too, under your compiler options (slower on large APIs)
  --check       write nothing; exit 1 when the output folder differs from what would be generated
  --watch       generate, then again whenever the spec or a template changes (Ctrl-C stops)
  --quiet, -q   print errors only
  --help, -h    show this help
  --version, -v print the atlasgen version

Exit status: 0 ok, 1 output out of date (--check), 2 invalid spec, output folder or usage, 3 bug.`;

class UsageError extends Error {}

const OPTIONS = {
  spec: { type: "string", default: "spec/atlas-admin-v2.yaml" },
  out: { type: "string", default: "generated" },
  target: { type: "string", default: "ts" },
  "ts-check": { type: "boolean", default: false },
  check: { type: "boolean", default: false },
  watch: { type: "boolean", default: false },
  quiet: { type: "boolean", short: "q", default: false },
  help: { type: "boolean", short: "h", default: false },
  version: { type: "boolean", short: "v", default: false },
} as const;

type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "generate"; spec: string; out: string; target: Target; tsCheck: boolean; check: boolean; watch: boolean; quiet: boolean };

/**
 * `absolute` relative to the working directory, if it is inside it: as the shell names it
 * (`$PWD`, which may go through a symlink), or by its real path.
 */
function insideWorkingDirectory(absolute: string): string | undefined {
  const real = process.cwd();
  const shell = process.env.PWD;
  const named = shell && shell !== real && path.isAbsolute(shell) && realpathIfAny(shell) === real ? [shell, real] : [real];
  for (const cwd of named) {
    const relative = path.relative(cwd, absolute);
    if (relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)) return relative;
  }
  return undefined;
}

const realpathIfAny = (at: string) => {
  try {
    return realpathSync(at);
  } catch {
    return undefined;
  }
};

/** A path as written in headers and messages: `/`-separated, and printable on one line. */
function posixPath(option: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  if (value === "" || /[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) throw new UsageError(`--${option} must be a file path on one line`);
  // `generated/` (as a shell completes it) and `generated` are one folder, and one header; so is
  // the absolute path of a folder inside the working directory, which would put this machine's
  // paths into committed headers and make another machine's --check fail.
  const given = (path.isAbsolute(value) && insideWorkingDirectory(value)) || value;
  const posix = path.normalize(given).split(path.sep).join("/");
  return posix.length > 1 ? posix.replace(/\/+$/, "") : posix;
}

function parse(argv: string[]): Command {
  let values;
  let positionals;
  let tokens;
  try {
    ({ values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true, tokens: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // parseArgs keeps the last of `--out a --out b`: a script that meant one of them gets the other.
  const given = tokens.flatMap((t) => (t.kind === "option" && OPTIONS[t.name as keyof typeof OPTIONS].type === "string" ? [t.name] : []));
  const twice = given.find((name, i) => given.indexOf(name) !== i);
  if (twice !== undefined) throw new UsageError(`--${twice} is given more than once`);
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [command, ...extra] = positionals;
  if (command !== "generate") throw new UsageError(command ? `unknown command "${command}"` : "missing command");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (values.check && values.watch) throw new UsageError("--check and --watch cannot be combined");
  const target = TARGETS.find((t) => t === values.target);
  if (target === undefined) throw new UsageError(`--target must be one of ${TARGETS.join(", ")}`);
  const { "ts-check": tsCheck, ...rest } = values;
  if (tsCheck && target !== "ts") throw new UsageError("--ts-check applies to --target ts only (declarations have no @ts-nocheck)");
  return { kind: "generate", ...rest, target, tsCheck, spec: posixPath("spec", values.spec), out: posixPath("out", values.out) };
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * Waits for Ctrl-C or SIGTERM, then runs `close`. The handlers stay until it is done: with none
 * left, proper-lockfile's exit hook (signal-exit) would kill the process again with the signal.
 */
async function untilStopped(close: () => Promise<void>): Promise<void> {
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  process.on("SIGINT", stop).on("SIGTERM", stop);
  await stopped;
  await close();
  process.off("SIGINT", stop).off("SIGTERM", stop);
}

export async function main(argv: string[], io: Io = process): Promise<number> {
  let command: Command;
  try {
    command = parse(argv);
  } catch (error) {
    io.stderr.write(`atlasgen: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === "help") return io.stdout.write(`${USAGE}\n`), 0;
  if (command.kind === "version") return io.stdout.write(`${await version()}\n`), 0;

  const terminal = new Terminal(io, command.quiet);
  const options: RunOptions = { specPath: command.spec, outDir: command.out, target: command.target, tsCheck: command.tsCheck, check: command.check };
  if (command.check) {
    const [{ lockedFlags, upToDate }, { readSpecText }] = await Promise.all([import("./cache.js"), import("./spec-text.js")]);
    // Read once, for the hashes and for the pipeline: `--spec /dev/stdin` can be read only once.
    const specText = await readSpecText(command.spec).catch(() => undefined);
    if (specText !== undefined) options.specText = specText;
    // --check answers from the lock file's hashes when it can, without loading the pipeline.
    const warnings = specText !== undefined && (await upToDate(specText, command.spec, command.out, command.target, command.tsCheck).catch((): false => false));
    if (warnings) {
      // The same warnings as the run that wrote the folder: CI annotations do not come and go.
      for (const warning of warnings) terminal.diagnostic(command.spec, warning);
      terminal.summary(`${command.out} is up to date${warnings.length > 0 ? ` (${warnings.length} warning${warnings.length === 1 ? "" : "s"})` : ""}`);
      return 0;
    }
    // A folder of the other target (or generated with `--ts-check`) differs everywhere, and
    // regenerating it as told would convert it. (A lock without `tsCheck` may predate the field.)
    const locked = await lockedFlags(command.out);
    if (locked !== undefined && (locked.target !== command.target || (locked.tsCheck === true && !command.tsCheck))) {
      const { regenerateCommand } = await import("./emit/header.js");
      const flags = `--target ${locked.target}${locked.tsCheck ? " --ts-check" : ""}`;
      terminal.error(`atlasgen: ${command.out} was generated with ${flags}; check it with: ${regenerateCommand({ ...options, target: locked.target, tsCheck: locked.tsCheck ?? false })} --check`);
      return 2;
    }
  }
  // Loaded only now: the pipeline pulls in TypeScript, so usage errors stay instant.
  const { runOnce } = await import("./run.js");
  const bug = (error: unknown) => terminal.error(`atlasgen: internal error, please report: ${(error as Error).stack ?? String(error)}`);
  if (!command.watch) {
    try {
      return await runOnce(options, terminal);
    } catch (error) {
      bug(error);
      return 3;
    }
  }
  const [{ watchAndRun }, { TEMPLATES_DIR }] = await Promise.all([import("./watch.js"), import("./emit/runtime-files.js")]);
  const watching = await watchAndRun({
    paths: [options.specPath, TEMPLATES_DIR],
    run: () => runOnce(options, terminal).then(() => undefined, bug),
    onError: bug,
  });
  terminal.summary(`watching ${options.specPath} and templates/ (Ctrl-C to stop)`);
  await untilStopped(() => watching.close());
  return 0;
}
