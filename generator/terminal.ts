/**
 * What a person sees: diagnostics and drift on stderr, the summary line on stdout. Colour only
 * when the stream is a terminal and `NO_COLOR` is unset (https://no-color.org); `--quiet` keeps
 * errors only.
 */
import path from "node:path";
import { styleText } from "node:util";
import { formatDiagnostic, type Diagnostic } from "./diagnostics.js";
import type { Drift } from "./write.js";

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Io {
  stdout: Stream;
  stderr: Stream;
  env: Record<string, string | undefined>;
}

type Style = Parameters<typeof styleText>[0];

export function usesColour(stream: Stream, env: Io["env"]): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export class Terminal {
  private readonly colour: boolean;

  constructor(
    private readonly io: Io,
    private readonly quiet = false,
  ) {
    this.colour = usesColour(io.stderr, io.env);
  }

  private paint(style: Style, text: string): string {
    return this.colour ? styleText(style, text) : text;
  }

  /** A line on stderr that is always shown (errors, usage). */
  error(line: string): void {
    this.io.stderr.write(`${line}\n`);
  }

  diagnostic(file: string, d: Diagnostic): void {
    if (d.severity === "warning" && this.quiet) return;
    const text = formatDiagnostic(file, d);
    const marker = `: ${d.severity}: `;
    const style: Style = d.severity === "error" ? ["bold", "red"] : ["bold", "yellow"];
    this.error(this.colour ? text.replace(marker, `: ${this.paint(style, d.severity)}: `) : text);
  }

  drift(outDir: string, d: Drift): void {
    this.error(`${path.posix.join(outDir, d.path)}: ${this.paint(d.reason === "extra" ? "yellow" : "red", d.reason)}`);
    for (const line of d.diff ?? []) {
      this.error(`  ${this.paint(line.startsWith("-") ? "red" : line.startsWith("+") ? "green" : "cyan", line)}`);
    }
  }

  /** The closing line of a successful run, on stdout; `--quiet` drops it. */
  summary(line: string): void {
    if (!this.quiet) this.io.stdout.write(`${line}\n`);
  }
}
