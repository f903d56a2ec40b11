/** `atlasgen` command line: flags in, files out. Exit 0 ok, 1 stale output (`--check`), 2 bad spec or usage. */
import { parseArgs } from "node:util";
import path from "node:path";

const USAGE = `Usage: atlasgen generate [--spec FILE] [--out DIR] [--check]

  --spec FILE   OpenAPI 3.0/3.1 spec, YAML or JSON (default spec/atlas-admin-v2.yaml)
  --out DIR     output folder (default generated)
  --check       write nothing; exit 1 when the output folder differs from what would be generated`;

class UsageError extends Error {}

function parse(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== "generate") throw new UsageError(command ? `unknown command "${command}"` : "missing command");
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        spec: { type: "string", default: "spec/atlas-admin-v2.yaml" },
        out: { type: "string", default: "generated" },
        check: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    return values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const posix = (p: string) => path.normalize(p).split(path.sep).join("/");

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`atlasgen: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const specPath = posix(args.spec);
  const outDir = posix(args.out);
  // Loaded only now: the pipeline pulls in TypeScript, so usage errors stay instant.
  const { findDrift, formatDiagnostic, generate, SpecError, writeFiles } = await import("./index.js");
  try {
    const { files, warnings } = await generate({ specPath, outDir });
    for (const warning of warnings) console.error(formatDiagnostic(specPath, warning));
    if (args.check) {
      const drift = await findDrift(outDir, files);
      for (const d of drift) console.error(`${path.posix.join(outDir, d.path)}: ${d.reason}`);
      if (drift.length > 0) {
        console.error(`atlasgen: ${outDir} is out of date; run: npx atlasgen generate --spec ${specPath} --out ${outDir}`);
        return 1;
      }
      return 0;
    }
    await writeFiles(outDir, files);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      for (const d of error.diagnostics) console.error(formatDiagnostic(specPath, d));
      return 2;
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      console.error(`atlasgen: cannot read ${specPath}: no such file`);
      return 2;
    }
    throw error;
  }
}
