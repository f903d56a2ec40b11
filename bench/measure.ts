/** Whole-process measurements: wall time and peak RSS of a child process, medians, formatting. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

export interface Sample {
  seconds: number;
  /** Peak resident set size of the process, MiB (from `/usr/bin/time`); NaN when unavailable. */
  rssMiB: number;
  code: number;
}

const GNU_TIME = "/usr/bin/time";
export const HAS_GNU_TIME = existsSync(GNU_TIME);

/** Runs `command` once; wall time from here, peak RSS from GNU time (`%M`, KiB) when installed. */
export function run(command: string, args: string[], cwd: string): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const [file, argv] = HAS_GNU_TIME ? [GNU_TIME, ["-f", "%M", command, ...args]] : [command, args];
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const kib = HAS_GNU_TIME ? Number(stderr.trim().split("\n").at(-1)) : Number.NaN;
      resolve({ seconds, rssMiB: kib / 1024, code: code ?? 1 });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Stats {
  seconds: number;
  rssMiB: number;
  runs: number;
  failures: number;
}

export const stats = (samples: Sample[]): Stats => ({
  seconds: median(samples.map((s) => s.seconds)),
  rssMiB: median(samples.map((s) => s.rssMiB)),
  runs: samples.length,
  failures: samples.filter((s) => s.code !== 0).length,
});

/**
 * One warm-up, then `runs` measured rounds; the measurements interleave (one of each per round),
 * so a change in the machine's load hits every contender alike.
 */
export async function interleaved(contenders: Record<string, () => Promise<Sample>>, runs: number): Promise<Record<string, Sample[]>> {
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  for (let round = 0; round <= runs; round++) {
    for (const [name, measure] of Object.entries(contenders)) {
      const sample = await measure();
      if (round > 0) samples[name]!.push(sample);
    }
  }
  return samples;
}

export const secs = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
export const mib = (m: number) => (Number.isNaN(m) ? "n/a" : `${m.toFixed(0)} MiB`);
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
